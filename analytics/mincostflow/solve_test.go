package mincostflow

import (
	"math/rand/v2"
	"testing"
)

type arc struct {
	from, to, capacity int
	cost               int64
}

// referenceMinCostMaxFlow is the textbook successive-shortest-path algorithm with Bellman-Ford,
// written independently of the solver: slow, obviously right on graphs without negative cycles.
func referenceMinCostMaxFlow(n int, arcs []arc, s, t int) (int, int64) {
	type edge struct {
		to, rev, capacity int
		cost              int64
	}
	adj := make([][]edge, n)
	for _, a := range arcs {
		adj[a.from] = append(adj[a.from], edge{a.to, len(adj[a.to]), a.capacity, a.cost})
		adj[a.to] = append(adj[a.to], edge{a.from, len(adj[a.from]) - 1, 0, -a.cost})
	}
	const inf = int64(1) << 60
	flow, cost := 0, int64(0)
	for {
		dist := make([]int64, n)
		prevNode, prevEdge := make([]int, n), make([]int, n)
		for i := range dist {
			dist[i] = inf
		}
		dist[s] = 0
		for changed := true; changed; {
			changed = false
			for v := range n {
				if dist[v] == inf {
					continue
				}
				for i, e := range adj[v] {
					if e.capacity > 0 && dist[v]+e.cost < dist[e.to] {
						dist[e.to] = dist[v] + e.cost
						prevNode[e.to], prevEdge[e.to] = v, i
						changed = true
					}
				}
			}
		}
		if dist[t] == inf {
			return flow, cost
		}
		push := 1 << 30
		for v := t; v != s; v = prevNode[v] {
			push = min(push, adj[prevNode[v]][prevEdge[v]].capacity)
		}
		for v := t; v != s; v = prevNode[v] {
			e := &adj[prevNode[v]][prevEdge[v]]
			e.capacity -= push
			adj[v][e.rev].capacity += push
		}
		flow += push
		cost += int64(push) * dist[t]
	}
}

// randomDAG has arcs only from lower to higher node numbers, so no cycle at all, with costs of
// both signs; s is 0 and t is n-1.
func randomDAG(rng *rand.Rand, n, m, maxCapacity int, maxCost int64) []arc {
	arcs := make([]arc, 0, m)
	for range m {
		u, v := rng.IntN(n), rng.IntN(n)
		if u == v {
			continue
		}
		if u > v {
			u, v = v, u
		}
		arcs = append(arcs, arc{u, v, rng.IntN(maxCapacity + 1), rng.Int64N(2*maxCost+1) - maxCost})
	}
	return arcs
}

// checkCertificate verifies a solved graph independently of how it was solved: capacities and
// conservation hold, no residual arc leaves the reachable set, the sink is outside it, and no
// residual arc has a negative reduced cost.
func checkCertificate(t *testing.T, g *Graph, s, sink int) {
	t.Helper()
	balance := make([]int, g.Nodes())
	type residualArc struct{ from, to int }
	var residual []residualArc
	var costs []int64
	for id := range g.Arcs() {
		f := g.Flow(id)
		if f < 0 || f > g.Capacity(id) {
			t.Fatalf("arc %d: flow %d outside 0..%d", id, f, g.Capacity(id))
		}
		balance[g.From(id)] -= f
		balance[g.To(id)] += f
		if f < g.Capacity(id) {
			residual = append(residual, residualArc{g.From(id), g.To(id)})
			costs = append(costs, g.Cost(id))
		}
		if f > 0 {
			residual = append(residual, residualArc{g.To(id), g.From(id)})
			costs = append(costs, -g.Cost(id))
		}
	}
	for v, b := range balance {
		if v != s && v != sink && b != 0 {
			t.Fatalf("node %d: flow in minus out is %d", v, b)
		}
	}
	if g.Reachable(sink) {
		t.Fatalf("sink still reachable: flow not maximum")
	}
	for i, r := range residual {
		if g.Reachable(r.from) && !g.Reachable(r.to) {
			t.Fatalf("residual arc %d->%d leaves the reachable set", r.from, r.to)
		}
		if rc := costs[i] + g.Potential(r.from) - g.Potential(r.to); rc < 0 {
			t.Fatalf("residual arc %d->%d has reduced cost %d", r.from, r.to, rc)
		}
	}
}

func TestSolveMatchesReferenceOnRandomDAGs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 600 {
		n := 2 + rng.IntN(12)
		arcs := randomDAG(rng, n, rng.IntN(4*n), 1+rng.IntN(5), int64(1+rng.IntN(50)))
		g := New(n, len(arcs))
		for _, a := range arcs {
			g.AddArc(a.from, a.to, a.capacity, a.cost)
		}
		flow, cost := g.Solve(0, n-1)
		wantFlow, wantCost := referenceMinCostMaxFlow(n, arcs, 0, n-1)
		if flow != wantFlow || cost != wantCost {
			t.Fatalf("trial %d: got flow %d cost %d, want %d %d", trial, flow, cost, wantFlow, wantCost)
		}
		checkCertificate(t, g, 0, n-1)
	}
}

// Adding arcs after a solve and solving again must give what one solve of the whole graph
// gives: column generation relies on it.
func TestSolveWarmStartAfterAddingArcs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := range 300 {
		n := 3 + rng.IntN(12)
		arcs := randomDAG(rng, n, 1+rng.IntN(5*n), 1+rng.IntN(4), int64(1+rng.IntN(100)))
		cut := rng.IntN(len(arcs) + 1)
		g := New(n, len(arcs))
		for _, a := range arcs[:cut] {
			g.AddArc(a.from, a.to, a.capacity, a.cost)
		}
		g.Solve(0, n-1)
		checkCertificate(t, g, 0, n-1)
		for _, a := range arcs[cut:] {
			g.AddArc(a.from, a.to, a.capacity, a.cost)
		}
		flow, cost := g.Solve(0, n-1)
		wantFlow, wantCost := referenceMinCostMaxFlow(n, arcs, 0, n-1)
		if flow != wantFlow || cost != wantCost {
			t.Fatalf("trial %d: warm start gave flow %d cost %d, want %d %d", trial, flow, cost, wantFlow, wantCost)
		}
		checkCertificate(t, g, 0, n-1)
	}
}

func TestSolveTable(t *testing.T) {
	tests := []struct {
		name     string
		nodes    int
		arcs     []arc
		flow     int
		cost     int64
		sinkNode int
	}{
		{"no arcs", 2, nil, 0, 0, 1},
		{"single arc", 2, []arc{{0, 1, 3, 4}}, 3, 12, 1},
		{"prefers the cheap path", 4, []arc{{0, 1, 1, 1}, {0, 2, 1, 9}, {1, 3, 1, 1}, {2, 3, 1, 1}, {0, 3, 1, 50}}, 3, 62, 3},
		// Maximum flow comes first: the second unit costs more than the first saves.
		{"flow before cost", 4, []arc{{0, 1, 1, 0}, {1, 3, 1, 100}, {0, 2, 1, 0}, {2, 3, 1, -5}}, 2, 95, 3},
		// The cheapest first path blocks a second: a maximum flow must reroute through a reverse arc.
		{"reroute", 4, []arc{{0, 1, 1, 0}, {0, 2, 1, 0}, {1, 2, 1, 0}, {1, 3, 1, 10}, {2, 3, 1, 0}}, 2, 10, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New(tt.nodes, len(tt.arcs))
			for _, a := range tt.arcs {
				g.AddArc(a.from, a.to, a.capacity, a.cost)
			}
			flow, cost := g.Solve(0, tt.sinkNode)
			if flow != tt.flow || cost != tt.cost {
				t.Fatalf("got flow %d cost %d, want %d %d", flow, cost, tt.flow, tt.cost)
			}
			checkCertificate(t, g, 0, tt.sinkNode)
		})
	}
}

func TestFloorDiv(t *testing.T) {
	tests := []struct{ a, b, want int64 }{{7, 2, 3}, {-7, 2, -4}, {-6, 2, -3}, {0, 5, 0}, {6, 3, 2}}
	for _, tt := range tests {
		if got := floorDiv(tt.a, tt.b); got != tt.want {
			t.Errorf("floorDiv(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// randomGraph may have cycles (in both directions between two nodes), so its costs are kept
// non-negative: the reference solver needs a residual graph without negative cycles.
func randomGraph(rng *rand.Rand, n, m, maxCapacity int, maxCost int64) []arc {
	arcs := make([]arc, 0, m)
	for range m {
		u, v := rng.IntN(n), rng.IntN(n)
		if u == v {
			continue
		}
		arcs = append(arcs, arc{u, v, rng.IntN(maxCapacity + 1), rng.Int64N(maxCost + 1)})
	}
	return arcs
}

// Column generation re-solves after each batch of added arcs, sometimes after growing the flow
// with MaxFlow first: each warm re-solve (shortest paths from the previous certificate) must
// match a cold solve of the same arcs on a fresh graph and the reference, with a certificate.
func TestWarmResolveMatchesColdSolveOverBatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 19))
	for trial := range 400 {
		n := 3 + rng.IntN(14)
		var arcs []arc
		if trial%2 == 0 {
			arcs = randomDAG(rng, n, 1+rng.IntN(6*n), 1+rng.IntN(4), int64(1+rng.IntN(60)))
		} else {
			arcs = randomGraph(rng, n, 1+rng.IntN(6*n), 1+rng.IntN(4), int64(rng.IntN(60)))
		}
		s, sink := 0, n-1
		warm := New(n, len(arcs))
		added := 0
		for batch := 0; added < len(arcs); batch++ {
			next := min(len(arcs), added+1+rng.IntN(1+len(arcs)/3))
			for _, a := range arcs[added:next] {
				warm.AddArc(a.from, a.to, a.capacity, a.cost)
			}
			added = next
			if rng.IntN(4) == 0 {
				warm.MaxFlow(s, sink)
			}
			flow, cost := warm.Solve(s, sink)
			cold := New(n, added)
			for _, a := range arcs[:added] {
				cold.AddArc(a.from, a.to, a.capacity, a.cost)
			}
			coldFlow, coldCost := cold.Solve(s, sink)
			refFlow, refCost := referenceMinCostMaxFlow(n, arcs[:added], s, sink)
			if flow != coldFlow || cost != coldCost || flow != refFlow || cost != refCost {
				t.Fatalf("trial %d batch %d: warm flow %d cost %d, cold %d %d, reference %d %d",
					trial, batch, flow, cost, coldFlow, coldCost, refFlow, refCost)
			}
			checkCertificate(t, warm, s, sink)
		}
	}
}

// A re-solve after adding nodes as well as arcs, as the planner does not, but a caller may.
func TestWarmResolveWithNewNodes(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 29))
	for trial := range 200 {
		n := 3 + rng.IntN(8)
		arcs := randomGraph(rng, n, 1+rng.IntN(4*n), 1+rng.IntN(3), int64(rng.IntN(40)))
		g := New(n, len(arcs))
		for _, a := range arcs {
			g.AddArc(a.from, a.to, a.capacity, a.cost)
		}
		g.Solve(0, n-1)
		extra := 1 + rng.IntN(4)
		for range extra {
			g.AddNode()
		}
		all := n + extra
		for range 1 + rng.IntN(3*all) {
			u, v := rng.IntN(all), rng.IntN(all)
			if u == v {
				continue
			}
			a := arc{u, v, 1 + rng.IntN(3), rng.Int64N(40)}
			arcs = append(arcs, a)
			g.AddArc(a.from, a.to, a.capacity, a.cost)
		}
		flow, cost := g.Solve(0, n-1)
		wantFlow, wantCost := referenceMinCostMaxFlow(all, arcs, 0, n-1)
		if flow != wantFlow || cost != wantCost {
			t.Fatalf("trial %d: got flow %d cost %d, want %d %d", trial, flow, cost, wantFlow, wantCost)
		}
		checkCertificate(t, g, 0, n-1)
	}
}
