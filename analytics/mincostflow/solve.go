package mincostflow

import "fmt"

// Solve makes the flow from s to t maximum and, among maximum flows, cheapest. After a Solve
// whose flow nothing has changed since (MaxFlow may), it repairs the certified flow with
// shortest paths, so re-solving after adding a few arcs is quick; otherwise it scales costs
// from the flow and prices the graph holds (zero on a new graph). It returns the flow value
// and its total cost.
func (g *Graph) Solve(s, t int) (flow int, cost int64) {
	g.buildAdjacency()
	if g.certified {
		g.reoptimize(int32(s), int32(t))
	} else {
		g.augmentToMax(int32(s), int32(t))
		g.makeCheapest()
		g.exactPotentials()
		g.certified = true
	}
	g.markReachable(int32(s))
	for a := int32(0); a < int32(len(g.to)); a += 2 {
		f := int64(g.residual[a^1])
		cost += f * g.cost[a]
		if g.from(a) == int32(s) {
			flow += int(f)
		}
		if g.to[a] == int32(s) {
			flow -= int(f)
		}
	}
	return flow, cost
}

// MaxFlow makes the flow from s to t maximum, whatever it costs, and marks the nodes reachable
// from s; potentials are not updated. Growing a restricted graph to a maximum flow this way
// before costing it spares cost scaling the rounds in which only the flow value changes.
func (g *Graph) MaxFlow(s, t int) {
	g.buildAdjacency()
	if g.augmentToMax(int32(s), int32(t)) {
		g.certified = false
	}
	g.markReachable(int32(s))
}

// exactPotentials turns the scaled prices into integer potentials with no negative reduced
// cost on any residual arc. After cost scaling each reduced cost is above -1 in true units, so
// rounding the prices down leaves violations of at most one unit; Bellman-Ford relaxation
// (queue-based) repairs them. It ends because an optimal flow's residual graph has no negative
// cycle; a bound on the passes turns a broken invariant into a panic instead of a hang.
func (g *Graph) exactPotentials() {
	scale := g.priceScale()
	d := g.potential
	queue := make([]int32, 0, g.nodes)
	queued := make([]bool, g.nodes)
	for v := 0; v < g.nodes; v++ {
		d[v] = floorDiv(g.price[v], scale)
		queue = append(queue, int32(v))
		queued[v] = true
	}
	limit := int64(g.nodes+1) * int64(len(g.to)+1)
	var relaxed int64
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		queued[v] = false
		for _, a := range g.adj[g.adjStart[v]:g.adjStart[v+1]] {
			w := g.to[a]
			if g.residual[a] > 0 && d[v]+g.cost[a] < d[w] {
				d[w] = d[v] + g.cost[a]
				if !queued[w] {
					queued[w] = true
					queue = append(queue, w)
				}
				relaxed++
			}
		}
		if relaxed > limit {
			panic(fmt.Sprintf("mincostflow: negative cycle left after cost scaling (%d relaxations)", relaxed))
		}
		if head > 1<<16 && head > len(queue)/2 {
			queue = append(queue[:0], queue[head+1:]...)
			head = -1
		}
	}
	for v := 0; v < g.nodes; v++ {
		g.price[v] = d[v] * scale
	}
}

// markReachable finds the nodes that a residual path from s reaches.
func (g *Graph) markReachable(s int32) {
	if len(g.reachable) < g.nodes {
		g.reachable = make([]bool, g.nodes)
	}
	clear(g.reachable)
	g.reachable[s] = true
	queue := []int32{s}
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		for _, a := range g.adj[g.adjStart[v]:g.adjStart[v+1]] {
			if w := g.to[a]; g.residual[a] > 0 && !g.reachable[w] {
				g.reachable[w] = true
				queue = append(queue, w)
			}
		}
	}
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
