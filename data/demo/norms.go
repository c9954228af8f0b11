package demo

// The generator sizes each unit's staff from the staff the default norms say it needs, so that
// the imbalance the dashboard shows is the imbalance the generator intended. These figures mirror
// data/migrations/0002_defaults.sql; TestNormsMatchDefaults fails if the two drift apart. The
// analytics package computes the real figures from the database, not from here.

// unitTypes in the order units are planned within a kecamatan.
var unitTypes = []string{"sd", "smp", "sma", "smk", "puskesmas", "kelurahan"}

// indicatorsOf lists, per unit type, the workload indicators it reports; a unit's series are
// indexed in this order.
var indicatorsOf = map[string][]string{
	"sd": {"siswa"}, "smp": {"siswa"}, "sma": {"siswa"}, "smk": {"siswa"},
	"puskesmas": {"kunjungan", "anc", "persalinan", "kb"},
	"kelurahan": {"penduduk", "layanan_adm"},
}

// cadresOf lists the position families each unit type employs.
var cadresOf = map[string][]string{
	"sd": {"guru"}, "smp": {"guru"}, "sma": {"guru"}, "smk": {"guru"},
	"puskesmas": {"dokter", "perawat", "bidan"},
	"kelurahan": {"pelaksana"},
}

// studentsPerTeacher is the ratio norm (PP 74/2008 art. 17).
var studentsPerTeacher = map[string]float64{"sd": 20, "smp": 20, "sma": 20, "smk": 15}

// WISN available working time: (260 - 17 - 12 - 5 - 5) days x 7.5 h, the same for the three
// health cadres.
const (
	wisnAWTHours   = (260.0 - 17 - 12 - 5 - 5) * 7.5
	wisnAWTMinutes = wisnAWTHours * 60
)

// wisnCadre holds one cadre's activity standards (minutes per case, by puskesmas indicator
// index), category allowances (share of AWT) and individual allowances (hours a year).
type wisnCadre struct {
	minutes    [4]float64 // kunjungan, anc, persalinan, kb
	category   float64
	individual float64
}

var wisnNorms = map[string]wisnCadre{
	"dokter":  {minutes: [4]float64{5, 0, 0, 0}, category: 0.08 + 0.07, individual: 400},
	"perawat": {minutes: [4]float64{12, 0, 0, 0}, category: 0.10 + 0.05, individual: 300},
	"bidan":   {minutes: [4]float64{0, 20, 240, 15}, category: 0.10 + 0.05, individual: 400},
}

// ABK for kelurahan clerks: norm minutes per unit of penduduk (stock, counted as is) and of
// layanan_adm (flow, x12), and the support-task share FTP.
const (
	abkMinutesPenduduk   = 10.0
	abkMinutesLayanan    = 30.0
	abkSupportShare      = 0.10
	abkDefaultHours      = 1250.0
	abkReducedHours      = 1200.0 // some agencies' setting, written to agency_settings
	monthsPerYear        = 12.0
	minTeachersPerSchool = 3 // a school with pupils has a few teachers unless it is a story case
)

// requiredStaff returns, per cadre of the unit type (cadresOf order), the staff the default
// norms require for the workload at period t. effHours is the agency's ABK effective hours.
func requiredStaff(unitType string, s series, t int, effHours float64) []float64 {
	switch unitType {
	case "sd", "smp", "sma", "smk":
		return []float64{s[0][t] / studentsPerTeacher[unitType]}
	case "puskesmas":
		out := make([]float64, 0, 3)
		for _, cadre := range cadresOf["puskesmas"] {
			n := wisnNorms[cadre]
			var baseline float64
			for i, m := range n.minutes {
				baseline += s[i][t] * monthsPerYear * m / wisnAWTMinutes
			}
			caf := 1 / (1 - n.category)
			iaf := n.individual / wisnAWTHours
			out = append(out, baseline*caf+iaf)
		}
		return out
	case "kelurahan":
		minutes := s[0][t]*abkMinutesPenduduk + s[1][t]*monthsPerYear*abkMinutesLayanan
		return []float64{minutes / (effHours * 60) / (1 - abkSupportShare)}
	}
	return nil
}
