package demo

// Name pools with regional flavour. A pool either has family names (Batak marga, Papuan and
// eastern Indonesian fam names) used by both sexes, or pairs of given names (Javanese, Sundanese,
// Malay, Bugis). Prefixes are hereditary titles some people carry.
type namePool struct {
	male, female   []string
	family         []string // unisex family names; when empty, a second given name is used
	male2, female2 []string
	mononym        float64 // share of one-word names, common among older Javanese
	mononymMale    []string
	mononymFemale  []string
	malePrefix     []string
	femalePrefix   []string
	prefixShare    float64
}

var namePools = map[string]*namePool{
	"sunda": {
		male: []string{"Asep", "Ujang", "Dede", "Cecep", "Dadang", "Iwan", "Yayan", "Aceng", "Encep", "Ahmad",
			"Jajang", "Deden", "Agus", "Rohmat", "Endang", "Hendra", "Haerudin", "Jaenudin", "Sukri", "Mahdi"},
		female: []string{"Euis", "Neneng", "Imas", "Siti", "Nurul", "Rina", "Lilis", "Yeni", "Iis", "Tati",
			"Nining", "Dewi", "Eneng", "Ratna", "Enok", "Popon", "Wiwin", "Nia", "Eti", "Heni"},
		male2: []string{"Suryana", "Hidayat", "Supriatna", "Kurniawan", "Rohendi", "Sopandi", "Mulyana",
			"Saepudin", "Permana", "Gunawan", "Sunarya", "Hermawan", "Setiawan", "Firmansyah", "Hamdani", "Rohman"},
		female2: []string{"Nurhasanah", "Rahmawati", "Komalasari", "Sumiati", "Maryani", "Herlina", "Fitriani",
			"Kurniasih", "Suryani", "Hasanah", "Rohimah", "Jubaedah", "Sulastri", "Nurjanah", "Marlina"},
		// Tubagus and Ratu: the Banten sultanate's descendants.
		malePrefix: []string{"Tb."}, femalePrefix: []string{"Ratu"}, prefixShare: 0.04,
	},
	"jawa": {
		male: []string{"Agus", "Bambang", "Budi", "Joko", "Slamet", "Sugeng", "Wahyu", "Heru", "Teguh", "Eko",
			"Dwi", "Bagus", "Hadi", "Priyo", "Hari", "Yoga", "Aji", "Danang", "Purwanto", "Sigit", "Tri", "Andri"},
		female: []string{"Sri", "Endang", "Tri", "Dwi", "Siti", "Rini", "Ratna", "Ani", "Retno", "Puji", "Yuli",
			"Kartika", "Ayu", "Wulan", "Nanik", "Sumarni", "Indah", "Dyah", "Rina", "Lestari"},
		male2: []string{"Santoso", "Susilo", "Wibowo", "Prasetyo", "Nugroho", "Purnomo", "Suryanto", "Setyawan",
			"Wijaya", "Hartono", "Raharjo", "Sulistyo", "Pamungkas", "Kuncoro", "Widodo", "Saputro", "Utomo"},
		female2: []string{"Rahayu", "Lestari", "Wulandari", "Susanti", "Handayani", "Wahyuningsih", "Puspitasari",
			"Sulistyowati", "Astuti", "Utami", "Kusumawati", "Purwanti", "Setyaningsih", "Widyastuti", "Sari"},
		mononym: 0.12,
		mononymMale: []string{"Sutrisno", "Suparman", "Sugiyono", "Mulyono", "Suharto", "Sukirman", "Paimin",
			"Sarwono", "Wagiman", "Suwarno", "Sumadi", "Parno"},
		mononymFemale: []string{"Suparmi", "Sumiyati", "Painem", "Sulastri", "Suwarni", "Tukinem", "Sumarni",
			"Wagiyem", "Sarmini", "Ngatini", "Suyatmi", "Partini"},
	},
	"batak": {
		male: []string{"Rudi", "Hotman", "Parlindungan", "Martua", "Tigor", "Bonar", "Ronald", "Darwin", "Poltak",
			"Sahat", "Maruli", "Ahmad", "Syahrul", "Irfan", "Rahmat", "Zulkifli", "Fauzi", "Hendra", "Amri", "Jonner"},
		female: []string{"Rosmawati", "Nurhayati", "Lasma", "Rotua", "Tiurma", "Sondang", "Ernita", "Mariani",
			"Yusnita", "Masniari", "Hotmaida", "Rismawati", "Fitri", "Dewi", "Nurlela", "Rohani", "Friska"},
		family: []string{"Siregar", "Nasution", "Lubis", "Harahap", "Simanjuntak", "Hutagalung", "Sitompul",
			"Pardede", "Simatupang", "Sinaga", "Tampubolon", "Panjaitan", "Situmorang", "Sihombing", "Pane",
			"Daulay", "Hasibuan", "Rangkuti", "Batubara", "Ginting", "Tarigan", "Sembiring", "Manurung", "Sitepu"},
	},
	"melayu": {
		male: []string{"Muhammad", "Ahmad", "Firmansyah", "Hendra", "Rizal", "Syahrial", "Herman", "Zulkarnain",
			"Iskandar", "Yusuf", "Arief", "Hasan", "Rahmat", "Dedi", "Edi", "Taufik", "Zainal", "Fadli"},
		female: []string{"Sri", "Yulia", "Dwi", "Fitri", "Rita", "Desi", "Novita", "Yuliana", "Herlina", "Maya",
			"Nurjanah", "Rosita", "Eka", "Meli", "Siti", "Nur", "Rahmah", "Zuraida"},
		male2: []string{"Syahputra", "Saputra", "Firdaus", "Hidayat", "Abdullah", "Effendi", "Rachman", "Hakim",
			"Ansori", "Zulkifli", "Arifin", "Fikri", "Mukhlis", "Rusli"},
		female2: []string{"Fitriani", "Sari", "Yanti", "Apriani", "Oktaviani", "Novianti", "Marlina", "Aryani",
			"Susanti", "Wati", "Rahmawati", "Hayati", "Zahara", "Aini"},
	},
	"minang": {
		male: []string{"Afrizal", "Syafril", "Zulfadli", "Yondri", "Hendri", "Edwar", "Rinaldi", "Asrul", "Novrizal",
			"Irwan", "Yusrizal", "Defri"},
		female: []string{"Yuliarti", "Nelly", "Yusnimar", "Rosnaini", "Elfi", "Desmawati", "Yenni", "Syafrida",
			"Fitria", "Rahmi", "Nofriyanti", "Delvi"},
		male2:   []string{"Putra", "Saputra", "Chaniago", "Koto", "Piliang", "Tanjung", "Caniago", "Sikumbang", "Datuak"},
		female2: []string{"Yanti", "Nengsih", "Wati", "Elita", "Susanti", "Hasni", "Marni", "Yunita"},
	},
	"bugis": {
		male: []string{"Muhammad", "Syamsuddin", "Hasanuddin", "Abdul", "Arifuddin", "Jamaluddin", "Amir", "Rusdi",
			"Baharuddin", "Ilham", "Syahrir", "Haerul", "Nasrullah", "Akbar"},
		female: []string{"Nurhaedah", "Hasnawati", "Rahmatia", "St. Aminah", "Nurlina", "Hamsinah", "Irmawati",
			"Jumriani", "Nurhayati", "Sitti", "Musdalifah", "Asmawati"},
		male2: []string{"Amir", "Rahman", "Latif", "Sulaiman", "Halim", "Makmur", "Said", "Tahir", "Djafar",
			"Rasyid", "Mappiare", "Pawellangi"},
		female2:    []string{"Amir", "Rahman", "Daeng Ngasseng", "Nur", "Latif", "Sulaiman", "Baso", "Tahir"},
		malePrefix: []string{"Andi"}, femalePrefix: []string{"Andi", "A."}, prefixShare: 0.08,
	},
	"bali": {
		// Birth-order names (Wayan/Putu/Gede, Made/Kadek, Nyoman/Komang, Ketut) after I or Ni.
		male: []string{"I Wayan", "I Made", "I Nyoman", "I Ketut", "I Putu", "I Gede", "I Kadek", "I Komang"},
		female: []string{"Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Putu", "Ni Luh", "Ni Kadek",
			"Ni Komang"},
		male2: []string{"Sudarsana", "Suardana", "Astawa", "Arta", "Wirawan", "Budiarta", "Suarjana", "Adnyana",
			"Widiantara", "Mahendra", "Sukadana", "Darmawan"},
		female2: []string{"Artini", "Sriasih", "Suryani", "Wahyuni", "Ariani", "Sukerni", "Wulandari", "Suciati",
			"Yuniari", "Kusumawati", "Sudiarti", "Ratnadi"},
	},
	"papua": {
		male: []string{"Yohanis", "Yakob", "Markus", "Petrus", "Daniel", "Yosias", "Hendrik", "Frans", "Otniel",
			"Silas", "Obeth", "Marthen", "Yulianus", "Elias", "Zakarias", "Nikolas", "Agustinus", "Septinus"},
		female: []string{"Yohana", "Maria", "Magdalena", "Ester", "Debora", "Martha", "Rachel", "Yuliana",
			"Selfina", "Ruth", "Agustina", "Naomi", "Paulina", "Margaretha", "Fransina", "Orpa"},
		// Moi and Biak fam names of the Sorong area, and a few from elsewhere in Papua.
		family: []string{"Kambu", "Mayor", "Rumbiak", "Wanma", "Kalami", "Malak", "Osok", "Ulim", "Sapisa",
			"Mambrasar", "Rumbewas", "Kareth", "Korwa", "Klasibin", "Kalawaisa", "Momot", "Gisim", "Fadan",
			"Rumaikewi", "Kalasuat", "Klagilit", "Ayamiseba", "Wamafma", "Rumainum"},
	},
	"timur": {
		male: []string{"Yohanes", "Fransiskus", "Stefanus", "Jeffry", "Stevie", "Yopie", "Ferdinand", "Max",
			"Ronny", "Benny", "Melkianus", "Abraham"},
		female: []string{"Maria", "Meiske", "Novita", "Stella", "Grace", "Yuliana", "Theresia", "Fientje",
			"Deasy", "Olivia", "Christina", "Agnes"},
		// Maluku, Minahasa and NTT families.
		family: []string{"Latuconsina", "Tuasikal", "Sahetapy", "Pattiasina", "Tutuarima", "Wattimena",
			"Leiwakabessy", "Sumampouw", "Wenas", "Rumondor", "Pangemanan", "Mandagi", "Sondakh", "Walangitan",
			"Manafe", "Benu", "Nope", "Dethan", "Pello", "Lakapu"},
	},
}

func init() {
	namePools["palembang"] = withPrefixes(namePools["melayu"],
		[]string{"Kgs.", "Mgs.", "Rd."}, []string{"Nyimas", "Nyayu"}, 0.06) // Palembang nobility
}

func withPrefixes(p *namePool, male, female []string, share float64) *namePool {
	c := *p
	c.malePrefix, c.femalePrefix, c.prefixShare = male, female, share
	return &c
}

// localPools maps a province to its local pool and the local share of its staff; the rest are
// migrants drawn from migrantMix (or eastMigrantMix in Papua).
var localPools = map[string]struct {
	pool  string
	share float64
}{
	"11": {"melayu", 0.85}, "12": {"batak", 0.6}, "13": {"minang", 0.85}, "14": {"melayu", 0.6},
	"15": {"melayu", 0.65}, "16": {"palembang", 0.7}, "17": {"melayu", 0.7}, "18": {"jawa", 0.6},
	"19": {"melayu", 0.7}, "21": {"melayu", 0.5}, "31": {"jawa", 0.3}, "32": {"sunda", 0.8},
	"33": {"jawa", 0.9}, "34": {"jawa", 0.9}, "35": {"jawa", 0.9}, "36": {"sunda", 0.75},
	"51": {"bali", 0.85}, "52": {"melayu", 0.8}, "53": {"timur", 0.85}, "61": {"melayu", 0.65},
	"62": {"melayu", 0.6}, "63": {"melayu", 0.8}, "64": {"bugis", 0.4}, "65": {"bugis", 0.4},
	"71": {"timur", 0.8}, "72": {"bugis", 0.6}, "73": {"bugis", 0.85}, "74": {"bugis", 0.7},
	"75": {"bugis", 0.8}, "76": {"bugis", 0.8}, "81": {"timur", 0.75}, "82": {"melayu", 0.7},
	"91": {"papua", 0.5}, "92": {"papua", 0.5}, "93": {"papua", 0.5}, "94": {"papua", 0.5},
	"95": {"papua", 0.6}, "96": {"papua", 0.5},
}

type poolShare struct {
	pool  string
	share float64
}

var (
	migrantMix = []poolShare{{"jawa", 0.42}, {"sunda", 0.15}, {"batak", 0.10}, {"bugis", 0.10},
		{"melayu", 0.08}, {"minang", 0.07}, {"timur", 0.05}, {"bali", 0.03}}
	// Papua's civil service draws on Java, South Sulawesi and the Christian east (Maluku, Manado,
	// Toraja, NTT).
	eastMigrantMix = []poolShare{{"jawa", 0.35}, {"bugis", 0.25}, {"timur", 0.25}, {"batak", 0.05},
		{"sunda", 0.05}, {"bali", 0.05}}
)
