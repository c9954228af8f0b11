package accounts

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

// Hashes made by the Argon2 reference implementation's own command-line tool (Debian package
// argon2, 0~20171227), not by the Go code under test, e.g.
//
//	echo -n "correct horse battery" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e
var referenceHashes = []struct {
	name, password, encoded string
}{
	{"these parameters (OWASP)", "correct horse battery",
		"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$iPOQ5f2O21FsjnBvo1AiFcDuSXciCnKUrXFO+yfgNoM"},
	{"RFC 9106 second recommendation, non-ASCII password", "kata sandi rahasia ✓",
		"$argon2id$v=19$m=65536,t=3,p=4$Z2FyYW0tZ2FyYW0tMTIzNA$WMwcquEqfLjltNTNjL+PvD5ikPuKPI6srJf6NsYDDT8"},
	{"small memory, 2 lanes, 8-byte salt, 16-byte key", "pendek",
		"$argon2id$v=19$m=256,t=1,p=2$MTIzNDU2Nzg$re0agOly/qeGVX+TpmYt9w"},
}

func TestVerifyAgainstReferenceImplementation(t *testing.T) {
	for _, tc := range referenceHashes {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := VerifyPassword(tc.encoded, tc.password)
			if err != nil || !ok {
				t.Fatalf("right password: ok=%v err=%v", ok, err)
			}
			ok, err = VerifyPassword(tc.encoded, tc.password+" ")
			if err != nil || ok {
				t.Fatalf("wrong password: ok=%v err=%v", ok, err)
			}
		})
	}
}

// TestHashEncodingMatchesReference derives a key with this package's parameters and a fixed
// salt and compares the whole PHC string, byte for byte, with the reference tool's.
func TestHashEncodingMatchesReference(t *testing.T) {
	h := argonHash{memory: argonMemoryKiB, passes: argonPasses, lanes: argonLanes, salt: []byte("saltsaltsaltsalt")}
	h.key = argon2.IDKey([]byte("correct horse battery"), h.salt, h.passes, h.memory, h.lanes, keyBytes)
	if got, want := h.String(), referenceHashes[0].encoded; got != want {
		t.Fatalf("encoded\n got %s\nwant %s", got, want)
	}
}

func TestHashPasswordParameters(t *testing.T) {
	// The stated parameters are the ones the cited recommendation names.
	if argonMemoryKiB != 19456 || argonPasses != 2 || argonLanes != 1 || saltBytes != 16 || keyBytes != 32 {
		t.Fatalf("parameters m=%d t=%d p=%d salt=%d key=%d are not OWASP's argon2id set",
			argonMemoryKiB, argonPasses, argonLanes, saltBytes, keyBytes)
	}
	a, b := HashPassword("sama persis 123"), HashPassword("sama persis 123")
	if !strings.HasPrefix(a, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %s does not name its parameters", a)
	}
	if a == b {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	h, err := parseArgonHash(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.salt) != 16 || len(h.key) != 32 {
		t.Fatalf("salt %d bytes, key %d bytes", len(h.salt), len(h.key))
	}
	if ok, err := VerifyPassword(a, "sama persis 123"); !ok || err != nil {
		t.Fatalf("own hash does not verify: %v %v", ok, err)
	}
	if needsRehash(a) {
		t.Error("a fresh hash needs rehashing")
	}
	if !needsRehash(referenceHashes[1].encoded) {
		t.Error("a hash with other parameters does not need rehashing")
	}
}

func TestParseArgonHashRejects(t *testing.T) {
	good := referenceHashes[0].encoded
	for _, tc := range []struct{ name, encoded string }{
		{"empty", ""},
		{"argon2i", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$PuJeVc0rNn0/KicMyYb3KNfet+0ba+A+uBsMYX9J9z0"},
		{"old version", strings.Replace(good, "v=19", "v=16", 1)},
		{"no version", strings.Replace(good, "$v=19", "", 1)},
		{"parameters out of order", strings.Replace(good, "m=19456,t=2", "t=2,m=19456", 1)},
		{"zero lanes", strings.Replace(good, "p=1", "p=0", 1)},
		{"256 lanes", strings.Replace(good, "p=1", "p=256", 1)},
		{"zero passes", strings.Replace(good, "t=2", "t=0", 1)},
		{"absurd memory", strings.Replace(good, "m=19456", "m=4000000000", 1)},
		{"negative memory", strings.Replace(good, "m=19456", "m=-1", 1)},
		{"padded base64", good + "="},
		{"url base64", strings.Replace(good, "+", "-", 1)},
		{"short key", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAA"},
		{"trailing field", good + "$x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := VerifyPassword(tc.encoded, "correct horse battery"); !errors.Is(err, errBadHash) {
				t.Fatalf("err = %v, want errBadHash", err)
			}
		})
	}
}

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		password string
		ok       bool
	}{
		{"", false},
		{"elevenchars", false},
		{"twelve chars", true},
		{"ééééééééééé", false}, // 11 characters in 22 bytes: runes count, not bytes
		{"éééééééééééé", true},
		{strings.Repeat("x", MaxPasswordBytes), true},
		{strings.Repeat("x", MaxPasswordBytes+1), false},
	} {
		err := CheckPassword(tc.password)
		if (err == nil) != tc.ok {
			t.Errorf("CheckPassword(%d bytes): %v, want ok=%v", len(tc.password), err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("CheckPassword error %v is not ErrInvalid", err)
		}
	}
}
