package demo

import (
	"math/rand/v2"
	"strings"
)

// Sex digits as they appear in the NIP.
const (
	male   = 1
	female = 2
)

// poolFor draws the name pool of one staff member of a province: mostly local names, the rest
// migrants', as in any Indonesian civil service.
func poolFor(rng *rand.Rand, provCode string) *namePool {
	local, ok := localPools[provCode]
	if !ok {
		local.pool, local.share = "jawa", 0.5
	}
	if rng.Float64() < local.share {
		return namePools[local.pool]
	}
	mix := migrantMix
	if strings.HasPrefix(provCode, "9") {
		mix = eastMigrantMix
	}
	shares := make([]float64, len(mix))
	for i, m := range mix {
		shares[i] = m.share
	}
	return namePools[mix[pick(rng, shares)].pool]
}

// personName composes a plausible name of the given sex from a pool, without academic titles.
func personName(rng *rand.Rand, p *namePool, sex int) string {
	given, second, prefixes := p.male, p.male2, p.malePrefix
	if sex == female {
		given, second, prefixes = p.female, p.female2, p.femalePrefix
	}
	parts := make([]string, 0, 4)
	if len(prefixes) > 0 && rng.Float64() < p.prefixShare {
		parts = append(parts, oneOf(rng, prefixes))
	}
	first := oneOf(rng, given)
	parts = append(parts, first)
	switch {
	case len(p.family) > 0:
		// A Christian or Batak name often has two given names before the family name.
		if rng.Float64() < 0.25 {
			if mid := oneOf(rng, given); mid != first {
				parts = append(parts, mid)
			}
		}
		parts = append(parts, oneOf(rng, p.family))
	case rng.Float64() < p.mononym && len(parts) == 1:
		// Older Javanese often have one name only ("Sutrisno", "Suparmi").
		parts[0] = oneOf(rng, p.mononymMale)
		if sex == female {
			parts[0] = oneOf(rng, p.mononymFemale)
		}
	default:
		if s := oneOf(rng, second); s != first {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// withTitles adds the academic and professional titles Indonesian staff lists print: "dr."
// before the name, degrees after it ("Siti Nurhasanah, S.Pd.").
func withTitles(name, before, after string) string {
	if before != "" {
		name = before + " " + name
	}
	if after != "" {
		name += ", " + after
	}
	return name
}
