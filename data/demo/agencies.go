package demo

import "strings"

// agency is one row of the agencies table.
type agency struct {
	code, name, region, sector string
}

// agenciesFor lists the agencies that own a regency's units: its education office, health
// office and kecamatan/kelurahan administration, plus the province's education office for SMA
// and SMK. Only agencies that own at least one unit are listed.
func agenciesFor(r *regency, units []unit) []agency {
	owns := map[string]bool{}
	for _, u := range units {
		owns[u.agency] = true
	}
	// DKI Jakarta's cities are administrative: their offices are branches (suku dinas) of the
	// province's.
	office := "Dinas"
	if r.provCode == "31" {
		office = "Suku Dinas"
	}
	candidates := []agency{
		{r.provCode + "-disdik", "Dinas Pendidikan Provinsi " + r.provName, r.provCode, "pendidikan"},
		{r.code + "-disdik", office + " Pendidikan " + r.name, r.code, "pendidikan"},
		{r.code + "-dinkes", office + " Kesehatan " + r.name, r.code, "kesehatan"},
		{r.code + "-kelurahan", "Kecamatan dan Kelurahan " + r.name, r.code, "pemerintahan"},
	}
	var out []agency
	for _, a := range candidates {
		if owns[a.code] {
			out = append(out, a)
		}
	}
	return out
}

// effectiveHours is the ABK effective working time an agency uses. Most use the 1,250-hour
// default; Surakarta's kelurahan administration and about one in ten others use 1,200 hours, so
// the per-agency setting has rows to show. Derived from the code alone, not the seed: it is a
// property of the agency.
func effectiveHours(agencyCode string) float64 {
	if !strings.HasSuffix(agencyCode, "-kelurahan") {
		return abkDefaultHours
	}
	if agencyCode == "33.72-kelurahan" {
		return abkReducedHours
	}
	if region := strings.TrimSuffix(agencyCode, "-kelurahan"); storyPlaces[region] {
		return abkDefaultHours
	}
	if streamKey("effective-hours", agencyCode)%10 == 0 {
		return abkReducedHours
	}
	return abkDefaultHours
}
