package accounts

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters for new hashes: the OWASP Password Storage Cheat Sheet's first argon2id
// configuration, m=19 MiB, t=2, p=1. RFC 9106's own recommendations (2 GiB, or 64 MiB with 4
// lanes) cost more memory per login than a 2-core server that also runs DuckDB should spend;
// OWASP's set is the stated minimum for a login form, and the login rate limiter and account
// lock stand in front of it. Each stored hash carries its parameters, so raising them later
// re-hashes passwords at their next login without invalidating any.
const (
	argonMemoryKiB = 19 * 1024
	argonPasses    = 2
	argonLanes     = 1
	saltBytes      = 16 // RFC 9106 §4: "128 bits is sufficient for all applications"
	keyBytes       = 32
)

// Limits on passwords. The minimum follows NIST SP 800-63B's advice to favour length over
// composition rules; the maximum only keeps a pasted novel from becoming work.
const (
	MinPasswordLength = 12   // characters (runes), not bytes
	MaxPasswordBytes  = 1024 // bytes
)

// CheckPassword says whether a new password is acceptable.
func CheckPassword(password string) error {
	if n := utf8.RuneCountInString(password); n < MinPasswordLength {
		return fmt.Errorf("%w password: want at least %d characters, got %d", ErrInvalid, MinPasswordLength, n)
	}
	if len(password) > MaxPasswordBytes {
		return fmt.Errorf("%w password: want at most %d bytes, got %d", ErrInvalid, MaxPasswordBytes, len(password))
	}
	return nil
}

// argonHash is one decoded PHC string: $argon2id$v=19$m=KiB,t=passes,p=lanes$salt$key.
type argonHash struct {
	memory uint32 // KiB
	passes uint32
	lanes  uint8
	salt   []byte
	key    []byte
}

// b64 is the PHC string format's base64: standard alphabet, no padding. Strict, so one hash has
// one spelling.
var b64 = base64.RawStdEncoding.Strict()

// HashPassword returns the argon2id hash of password with a fresh random salt, in PHC string
// form. It does not judge the password; CheckPassword does.
func HashPassword(password string) string {
	h := argonHash{memory: argonMemoryKiB, passes: argonPasses, lanes: argonLanes, salt: randomBytes(saltBytes)}
	h.key = argon2.IDKey([]byte(password), h.salt, h.passes, h.memory, h.lanes, keyBytes)
	return h.String()
}

func (h argonHash) String() string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, h.memory, h.passes, h.lanes, b64.EncodeToString(h.salt), b64.EncodeToString(h.key))
}

// VerifyPassword reports whether password matches a PHC string made by HashPassword, or by any
// argon2id implementation, with whatever parameters the string names. The keys are compared in
// constant time. An error means the stored string is malformed, not that the password is wrong.
func VerifyPassword(encoded, password string) (bool, error) {
	h, err := parseArgonHash(encoded)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(password), h.salt, h.passes, h.memory, h.lanes, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(key, h.key) == 1, nil
}

// needsRehash reports whether a stored hash was made with other parameters than new hashes
// get, so a successful login can upgrade it.
func needsRehash(encoded string) bool {
	h, err := parseArgonHash(encoded)
	return err != nil || h.memory != argonMemoryKiB || h.passes != argonPasses || h.lanes != argonLanes ||
		len(h.salt) != saltBytes || len(h.key) != keyBytes
}

var errBadHash = errors.New("malformed argon2id hash")

// Bounds on parameters read back from the database, far above any recommendation, so that a
// corrupted row cannot make one login allocate the machine's memory or spin for minutes.
const (
	maxMemoryKiB = 2 << 20 // 2 GiB, RFC 9106's first recommendation
	maxPasses    = 64
)

// parseArgonHash decodes a PHC string strictly: the argon2id algorithm, version 19 (0x13),
// parameters m, t, p in that order, then base64 salt and key.
func parseArgonHash(encoded string) (argonHash, error) {
	fail := func(why string) (argonHash, error) {
		return argonHash{}, fmt.Errorf("%w: %s", errBadHash, why)
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return fail("want $argon2id$v=19$m=..,t=..,p=..$salt$key")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return fail("unsupported version " + parts[2])
	}
	params := strings.Split(parts[3], ",")
	if len(params) != 3 {
		return fail("want parameters m, t and p")
	}
	var values [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		digits, ok := strings.CutPrefix(params[i], name+"=")
		v, err := strconv.ParseUint(digits, 10, 32)
		if !ok || err != nil {
			return fail("parameter " + params[i])
		}
		values[i] = v
	}
	h := argonHash{memory: uint32(values[0]), passes: uint32(values[1])}
	if values[2] < 1 || values[2] > 255 || values[1] < 1 || values[1] > maxPasses ||
		values[0] < 8*values[2] || values[0] > maxMemoryKiB {
		return fail("parameters out of range: " + parts[3])
	}
	h.lanes = uint8(values[2])
	var err error
	if h.salt, err = b64.DecodeString(parts[4]); err != nil || len(h.salt) < 8 || len(h.salt) > 64 {
		return fail("salt")
	}
	if h.key, err = b64.DecodeString(parts[5]); err != nil || len(h.key) < 16 || len(h.key) > 64 {
		return fail("key")
	}
	return h, nil
}

// randomBytes returns n bytes from crypto/rand, which since Go 1.24 never returns an error: it
// crashes the program rather than hand out weak randomness.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
