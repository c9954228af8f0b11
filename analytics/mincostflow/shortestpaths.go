package mincostflow

import "fmt"

// Warm re-solve by successive shortest paths.
//
// After a Solve the exact potentials certify the flow: every residual arc has reduced cost
// c + pi(v) - pi(w) >= 0. Adding arcs leaves the old reduced costs alone, so only new arcs can
// be negative. reoptimize saturates those (their reverse arcs then have positive reduced cost),
// which leaves every residual arc non-negative but some nodes with excess and others short.
// Dijkstra's algorithm on reduced costs from all the excess nodes finds the nearest short node
// at distance D; raising each settled node's potential by its distance minus D keeps every
// reduced cost non-negative and makes the shortest paths cost 0, so flow pushed along them
// keeps the certificate (Ahuja, Magnanti and Orlin, ch. 9, successive shortest paths). Repeat
// until no excess is left; the flow value is unchanged. Then, if the added arcs opened an
// augmenting path from s to t, the same phases push flow from s to t until none is left, which
// is the textbook successive shortest path method for a maximum flow of least cost.
//
// Cost scaling would instead revisit every arc at each of its epsilon levels; after a round of
// column generation that adds a handful of arcs, the shortest paths touch a small part of the
// graph.

// reducedCost is the reduced cost of internal arc a under the exact potentials.
func (g *Graph) reducedCost(a int32) int64 {
	return g.cost[a] + g.potential[g.from(a)] - g.potential[g.to[a]]
}

// unreached marks a node Dijkstra has not labelled in the current phase.
const unreached = int64(1<<63 - 1)

// pathSearch holds Dijkstra's and the augmenting search's working arrays, kept across phases
// so a phase costs what it visits, not the size of the graph.
type pathSearch struct {
	dist    []int64
	parent  []int32 // internal arc into the node on its shortest path; -1 at a source
	settled []int32 // phase in which the node was settled
	dead    []int32 // phase in which the augmenting search gave the node up
	onPath  []bool
	next    []int32 // current arc of the augmenting search
	touched []int32
	order   []int32 // settled nodes of this phase
	heap    nodeHeap
	phase   int32
}

func newPathSearch(n int) *pathSearch {
	ps := &pathSearch{dist: make([]int64, n), parent: make([]int32, n), settled: make([]int32, n),
		dead: make([]int32, n), onPath: make([]bool, n), next: make([]int32, n)}
	for v := range ps.dist {
		ps.dist[v] = unreached
	}
	return ps
}

// reoptimize makes the flow maximum and cheapest again after arcs were added to a graph whose
// potentials certified its flow; see the comment at the top of this file.
func (g *Graph) reoptimize(s, t int32) {
	excess := make([]int64, g.nodes)
	for a := int32(0); a < int32(len(g.to)); a++ {
		if r := g.residual[a]; r > 0 && g.reducedCost(a) < 0 {
			g.push(a, r)
			excess[g.from(a)] -= int64(r)
			excess[g.to[a]] += int64(r)
		}
	}
	var sources []int32
	for v, e := range excess {
		if e > 0 {
			sources = append(sources, int32(v))
		}
	}
	ps := newPathSearch(g.nodes)
	for len(sources) > 0 {
		if !g.shortestPathPhase(ps, sources, excess) {
			// The reverse of every saturated arc leads back to where its flow came from, so
			// an excess always has a way to a shortage.
			panic(fmt.Sprintf("mincostflow: %d nodes keep an excess with no way to a shortage", len(sources)))
		}
		kept := sources[:0]
		for _, v := range sources {
			if excess[v] > 0 {
				kept = append(kept, v)
			}
		}
		sources = kept
	}
	const unlimited = int64(1) << 50
	for {
		g.markReachable(s)
		if !g.reachable[t] {
			break
		}
		excess[s], excess[t] = unlimited, -unlimited
		g.shortestPathPhase(ps, []int32{s}, excess)
		excess[s], excess[t] = 0, 0
	}
	scale := g.priceScale()
	for v := range g.nodes {
		g.price[v] = g.potential[v] * scale
	}
}

// shortestPathPhase runs Dijkstra from the sources (nodes with excess) until the shortages
// it has settled could absorb all the excess, updates the potentials, and pushes flow along
// paths of reduced cost 0 from the sources to shortages: first the shortest path to the
// nearest shortage, then as many more as a depth-first search finds. Settling more than the
// nearest shortage costs a longer search but lets one phase serve many excesses. It reports
// false when no shortage can be reached.
func (g *Graph) shortestPathPhase(ps *pathSearch, sources []int32, excess []int64) bool {
	ps.phase++
	ps.order = ps.order[:0]
	ps.heap = ps.heap[:0]
	var supply int64
	for _, v := range sources {
		ps.dist[v], ps.parent[v] = 0, -1
		ps.touched = append(ps.touched, v)
		ps.heap.push(0, v)
		supply += excess[v]
	}
	nearest := int32(-1)
	var far, absorbed int64
	for len(ps.heap) > 0 && absorbed < supply {
		d, v := ps.heap.pop()
		if d != ps.dist[v] || ps.settled[v] == ps.phase {
			continue
		}
		ps.settled[v] = ps.phase
		ps.order = append(ps.order, v)
		far = d
		if excess[v] < 0 {
			if nearest < 0 {
				nearest = v
			}
			absorbed -= excess[v]
		}
		for _, a := range g.adj[g.adjStart[v]:g.adjStart[v+1]] {
			if g.residual[a] == 0 {
				continue
			}
			w := g.to[a]
			if nd := d + g.reducedCost(a); nd < ps.dist[w] {
				if ps.dist[w] == unreached {
					ps.touched = append(ps.touched, w)
				}
				ps.dist[w], ps.parent[w] = nd, a
				ps.heap.push(nd, w)
			}
		}
	}
	if nearest < 0 {
		ps.reset()
		return false
	}
	// Raising each potential by min(distance, far), shifted by -far, keeps every reduced cost
	// non-negative and makes the shortest paths to the settled shortages cost 0.
	for _, v := range ps.order {
		g.potential[v] += ps.dist[v] - far
	}
	src := nearest
	delta := -excess[nearest]
	for a := ps.parent[nearest]; a >= 0; a = ps.parent[src] {
		delta = min(delta, int64(g.residual[a]))
		src = g.from(a)
	}
	delta = min(delta, excess[src])
	for a := ps.parent[nearest]; a >= 0; a = ps.parent[g.from(a)] {
		g.push(a, int32(delta))
	}
	excess[src] -= delta
	excess[nearest] += delta
	ps.reset()
	g.augmentAdmissible(ps, sources, excess)
	return true
}

// reset forgets the distances labelled in this phase.
func (ps *pathSearch) reset() {
	for _, v := range ps.touched {
		ps.dist[v] = unreached
	}
	ps.touched = ps.touched[:0]
}

// augmentAdmissible pushes flow from the sources to shortages along residual arcs of reduced
// cost 0 between nodes settled in this phase, depth first with current arcs as in Dinic's
// algorithm. Such pushes keep every reduced cost non-negative.
func (g *Graph) augmentAdmissible(ps *pathSearch, sources []int32, excess []int64) {
	for _, v := range ps.order {
		ps.next[v] = g.adjStart[v]
	}
	var path []int32
	for _, src := range sources {
		if ps.settled[src] != ps.phase {
			continue // the phase ended before reaching it: its current arc is stale
		}
		for excess[src] > 0 && ps.dead[src] != ps.phase {
			path = path[:0]
			v := src
			ps.onPath[v] = true
			for excess[v] >= 0 {
				advanced := false
				for ps.next[v] < g.adjStart[v+1] {
					a := g.adj[ps.next[v]]
					w := g.to[a]
					if g.residual[a] > 0 && ps.settled[w] == ps.phase && ps.dead[w] != ps.phase &&
						!ps.onPath[w] && g.reducedCost(a) == 0 {
						path = append(path, a)
						ps.onPath[w] = true
						v = w
						advanced = true
						break
					}
					ps.next[v]++
				}
				if advanced {
					continue
				}
				ps.dead[v] = ps.phase
				ps.onPath[v] = false
				if v == src {
					break
				}
				last := path[len(path)-1]
				path = path[:len(path)-1]
				v = g.from(last)
				ps.next[v]++
			}
			ps.onPath[src] = false
			for _, a := range path {
				ps.onPath[g.to[a]] = false
			}
			if ps.dead[src] == ps.phase {
				break
			}
			delta := min(excess[src], -excess[v])
			for _, a := range path {
				delta = min(delta, int64(g.residual[a]))
			}
			for _, a := range path {
				g.push(a, int32(delta))
			}
			excess[src] -= delta
			excess[v] += delta
		}
	}
}

// nodeHeap is a binary min-heap of nodes by distance, with stale entries skipped on pop.
type nodeHeap []heapItem

type heapItem struct {
	dist int64
	node int32
}

func (h *nodeHeap) push(d int64, v int32) {
	*h = append(*h, heapItem{d, v})
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if s[p].dist <= s[i].dist {
			break
		}
		s[p], s[i] = s[i], s[p]
		i = p
	}
}

func (h *nodeHeap) pop() (int64, int32) {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(s) {
			break
		}
		if r := l + 1; r < len(s) && s[r].dist < s[l].dist {
			l = r
		}
		if s[i].dist <= s[l].dist {
			break
		}
		s[i], s[l] = s[l], s[i]
		i = l
	}
	*h = s
	return top.dist, top.node
}
