package demo

import (
	"math"
	"math/rand/v2"
	"sort"
)

// streamKey hashes labels (FNV-1a) into a PCG stream selector. Every regency, unit and purpose
// gets its own stream, so adding a unit or a field to one place never shifts the random numbers
// of another, and the test scale's Kota Serang units match the city scale's.
func streamKey(parts ...string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= prime
		}
		h ^= 0xff // separator, so ("ab","c") differs from ("a","bc")
		h *= prime
	}
	return h
}

// newRand is the PCG generator of one labelled stream of the seed.
func newRand(seed uint64, parts ...string) *rand.Rand {
	return rand.New(rand.NewPCG(seed, streamKey(parts...)))
}

// between is uniform in [lo, hi).
func between(rng *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }

// logNormal has median 1 and the given spread; sizes of schools and catchments are skewed.
func logNormal(rng *rand.Rand, sigma float64) float64 { return math.Exp(sigma * rng.NormFloat64()) }

// allocate splits total into len(weights) whole shares proportional to weights (largest
// remainder), after giving each share at least atLeast when total allows it.
func allocate(total int, weights []float64, atLeast int) []int {
	n := len(weights)
	out := make([]int, n)
	if n == 0 || total <= 0 {
		return out
	}
	if atLeast*n > total {
		atLeast = total / n
	}
	for i := range out {
		out[i] = atLeast
	}
	rest := total - atLeast*n
	var sum float64
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 {
		return out
	}
	type rem struct {
		i    int
		frac float64
	}
	rems := make([]rem, n)
	given := 0
	for i, w := range weights {
		exact := float64(rest) * w / sum
		whole := int(exact)
		out[i] += whole
		given += whole
		rems[i] = rem{i, exact - float64(whole)}
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].frac > rems[b].frac })
	for k := 0; k < rest-given; k++ {
		out[rems[k%n].i]++
	}
	return out
}

// pick returns an index with probability proportional to weights.
func pick(rng *rand.Rand, weights []float64) int {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	x := rng.Float64() * sum
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// oneOf picks a uniformly random element.
func oneOf[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }
