// Package mincostflow solves minimum-cost maximum-flow problems with integer capacities and
// integer costs exactly, and hands back the dual certificate (node potentials and the set of
// nodes reachable from the source) that proves the answer optimal.
//
// Solve finds a maximum flow with Dinic's algorithm, then makes it cheapest among flows of that
// value with Goldberg's cost-scaling push-relabel method, then turns the scaled prices into exact
// integer potentials. A caller may add arcs (and nodes) after Solve and call Solve again, which
// is what column generation needs: the flow and potentials carry over, and successive shortest
// paths repair the few places the new arcs break (shortestpaths.go), far cheaper than scaling
// costs again over the whole graph.
//
// Optimality, as a caller can check it:
//   - no residual arc leaves the set of nodes reachable from the source, and the sink is not in
//     it, so the flow is maximum (max-flow min-cut);
//   - every residual arc a from v to w has Cost(a) + Potential(v) - Potential(w) >= 0, so the
//     residual graph has no negative cycle and the flow is the cheapest of its value.
package mincostflow

import "fmt"

// Graph is a flow network. Nodes are numbered 0..Nodes()-1; arcs get ids in the order they are
// added. Internally every arc has a reverse twin (id^1 in the internal numbering).
type Graph struct {
	to       []int32 // head of each internal arc
	residual []int32 // capacity left on each internal arc
	cost     []int64 // cost of each internal arc; the twin holds the negation

	nodes int
	// Adjacency in compressed form, rebuilt by Solve when arcs were added.
	adjStart []int32
	adj      []int32
	built    int // number of internal arcs in the adjacency

	price     []int64 // cost-scaling prices, scaled by priceScale
	potential []int64 // exact potentials after Solve
	reachable []bool  // reachable from the source in the residual graph after Solve
	// certified says the potentials prove the flow optimal on the arcs it had, so Solve can
	// repair it with shortest paths after arcs are added instead of starting over.
	certified bool
}

// New returns a graph with n nodes and room for arcs arcs.
func New(n, arcs int) *Graph {
	return &Graph{
		nodes:    n,
		to:       make([]int32, 0, 2*arcs),
		residual: make([]int32, 0, 2*arcs),
		cost:     make([]int64, 0, 2*arcs),
	}
}

// Nodes is the number of nodes.
func (g *Graph) Nodes() int { return g.nodes }

// AddNode adds a node and returns its number.
func (g *Graph) AddNode() int {
	g.nodes++
	return g.nodes - 1
}

// Arcs is the number of arcs added.
func (g *Graph) Arcs() int { return len(g.to) / 2 }

// AddArc adds an arc from -> to with a capacity and a cost per unit of flow, and returns its id.
func (g *Graph) AddArc(from, to, capacity int, cost int64) int {
	if from < 0 || from >= g.nodes || to < 0 || to >= g.nodes {
		panic(fmt.Sprintf("mincostflow: arc %d->%d outside nodes 0..%d", from, to, g.nodes-1))
	}
	if capacity < 0 {
		panic(fmt.Sprintf("mincostflow: arc %d->%d has negative capacity %d", from, to, capacity))
	}
	id := len(g.to) / 2
	g.to = append(g.to, int32(to), int32(from))
	g.residual = append(g.residual, int32(capacity), 0)
	g.cost = append(g.cost, cost, -cost)
	return id
}

// Flow is the flow on arc id.
func (g *Graph) Flow(id int) int { return int(g.residual[2*id+1]) }

// From and To are the ends of arc id; Cost its cost per unit.
func (g *Graph) From(id int) int     { return int(g.to[2*id+1]) }
func (g *Graph) To(id int) int       { return int(g.to[2*id]) }
func (g *Graph) Cost(id int) int64   { return g.cost[2*id] }
func (g *Graph) Capacity(id int) int { return int(g.residual[2*id] + g.residual[2*id+1]) }

// Potential is node v's exact dual value after Solve: on every arc with capacity left, and on
// the reverse of every arc with flow, the reduced cost is non-negative.
func (g *Graph) Potential(v int) int64 { return g.potential[v] }

// Reachable reports whether v could receive more flow from the source after Solve.
func (g *Graph) Reachable(v int) bool { return g.reachable[v] }

// from is the tail of internal arc a.
func (g *Graph) from(a int32) int32 { return g.to[a^1] }

// buildAdjacency indexes the internal arcs by tail node, counting sort style.
func (g *Graph) buildAdjacency() {
	if g.built == len(g.to) && len(g.adjStart) == g.nodes+1 {
		return
	}
	start := make([]int32, g.nodes+1)
	for a := range g.to {
		start[g.from(int32(a))+1]++
	}
	for v := 0; v < g.nodes; v++ {
		start[v+1] += start[v]
	}
	adj := make([]int32, len(g.to))
	fill := append([]int32(nil), start[:g.nodes]...)
	for a := range g.to {
		v := g.from(int32(a))
		adj[fill[v]] = int32(a)
		fill[v]++
	}
	g.adjStart, g.adj, g.built = start, adj, len(g.to)
	g.price = grow(g.price, g.nodes)
	g.potential = grow(g.potential, g.nodes)
}

// grow extends s with zeros to length n, keeping what it holds.
func grow(s []int64, n int) []int64 {
	for len(s) < n {
		s = append(s, 0)
	}
	return s
}

// push moves delta units along internal arc a.
func (g *Graph) push(a, delta int32) {
	g.residual[a] -= delta
	g.residual[a^1] += delta
}
