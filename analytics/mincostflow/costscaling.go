package mincostflow

// scalingFactor is how much epsilon shrinks between refinements. Goldberg reports 8 to 16
// working well; fewer refinements matter more here than cheaper ones.
const scalingFactor = 10

// priceScale multiplies costs inside cost scaling. A flow whose reduced costs are all at least
// -1 in costs multiplied by more than the number of nodes is optimal for the integer costs
// (Bertsekas; Goldberg and Tarjan): every cycle has fewer than n arcs, so its cost is above -1,
// and being an integer it is at least 0.
func (g *Graph) priceScale() int64 { return int64(g.nodes) + 1 }

// reducedScaled is the scaled reduced cost of internal arc a under the current prices.
func (g *Graph) reducedScaled(a int32, scale int64) int64 {
	return g.cost[a]*scale + g.price[g.from(a)] - g.price[g.to[a]]
}

// makeCheapest turns the current flow into a cheapest flow of the same value by cost scaling:
// the flow is epsilon-optimal for the largest violation, and each refine divides epsilon until
// it reaches 1, which is optimal by priceScale. Node balances never change.
func (g *Graph) makeCheapest() {
	scale := g.priceScale()
	var eps int64
	for a := range g.to {
		if g.residual[a] > 0 {
			eps = max(eps, -g.reducedScaled(int32(a), scale))
		}
	}
	excess := make([]int64, g.nodes)
	next := make([]int32, g.nodes)
	for eps > 0 {
		eps = max(1, eps/scalingFactor)
		g.refine(eps, scale, excess, next)
		if eps == 1 {
			return
		}
	}
}

// refine makes an eps-optimal flow out of a (scalingFactor*eps)-optimal one: saturate every arc
// with negative reduced cost (now 0-optimal but unbalanced), then push excess along admissible
// arcs (reduced cost < 0) and lower the price of a node that has none, first in first out.
func (g *Graph) refine(eps, scale int64, excess []int64, next []int32) {
	queue := make([]int32, 0, 64)
	for a := range g.to {
		if r := g.residual[a]; r > 0 && g.reducedScaled(int32(a), scale) < 0 {
			g.push(int32(a), r)
			excess[g.from(int32(a))] -= int64(r)
			excess[g.to[a]] += int64(r)
		}
	}
	for v := 0; v < g.nodes; v++ {
		if excess[v] > 0 {
			queue = append(queue, int32(v))
		}
	}
	if len(queue) == 0 {
		return
	}
	copy(next, g.adjStart[:g.nodes])
	g.updatePrices(eps, scale, excess)
	relabels := 0
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		for excess[v] > 0 {
			if next[v] == g.adjStart[v+1] {
				g.relabel(v, eps, scale)
				next[v] = g.adjStart[v]
				relabels++
				if relabels == g.nodes {
					// Local relabels drift; a global update every n of them keeps the
					// prices pointing at the deficits (Goldberg's price update).
					relabels = 0
					g.updatePrices(eps, scale, excess)
					copy(next, g.adjStart[:g.nodes])
				}
			}
			a := g.adj[next[v]]
			r := g.residual[a]
			if r == 0 || g.reducedScaled(a, scale) >= 0 {
				next[v]++
				continue
			}
			delta := int32(min(int64(r), excess[v]))
			w := g.to[a]
			g.push(a, delta)
			excess[v] -= int64(delta)
			if excess[w] <= 0 && excess[w]+int64(delta) > 0 {
				queue = append(queue, w)
			}
			excess[w] += int64(delta)
		}
		// Drop the consumed prefix now and then so the queue does not keep every visit alive.
		if head > 1<<16 && head > len(queue)/2 {
			queue = append(queue[:0], queue[head+1:]...)
			head = -1
		}
	}
}

// relabel lowers v's price just enough that its cheapest residual arc becomes admissible, which
// keeps every arc at reduced cost >= -eps. A node with excess always has a residual arc: flow
// reached it, so it can go back.
func (g *Graph) relabel(v int32, eps, scale int64) {
	best := int64(-1 << 62)
	for _, a := range g.adj[g.adjStart[v]:g.adjStart[v+1]] {
		if g.residual[a] > 0 {
			best = max(best, g.price[g.to[a]]-g.cost[a]*scale)
		}
	}
	g.price[v] = best - eps
}

// updatePrices is Goldberg's global price update: measure every node's distance to a node with
// a deficit, counting an arc of reduced cost c as floor(c/eps)+1 steps, and lower each price by
// eps per step. Every residual arc keeps reduced cost >= -eps (d(v) <= d(w) + len(v, w)), and
// each node with excess gets an admissible path to a deficit, which saves many small relabels.
// Distances are capped at n steps, which keeps the inequality (min(a, n) <= min(b, n) + len).
func (g *Graph) updatePrices(eps, scale int64, excess []int64) {
	limit := int64(g.nodes)
	dist := make([]int64, g.nodes)
	buckets := make([][]int32, 1, 64)
	for v := range dist {
		dist[v] = limit
		if excess[v] < 0 {
			dist[v] = 0
			buckets[0] = append(buckets[0], int32(v))
		}
	}
	for level := int64(0); level < int64(len(buckets)); level++ {
		for len(buckets[level]) > 0 {
			w := buckets[level][len(buckets[level])-1]
			buckets[level] = buckets[level][:len(buckets[level])-1]
			if dist[w] != level {
				continue // reached again more cheaply
			}
			for _, a := range g.adj[g.adjStart[w]:g.adjStart[w+1]] {
				in := a ^ 1 // the arc v -> w
				if g.residual[in] == 0 {
					continue
				}
				v := g.to[a]
				d := level + floorDiv(g.reducedScaled(in, scale), eps) + 1
				if d < dist[v] && d < limit {
					dist[v] = d
					for int64(len(buckets)) <= d {
						buckets = append(buckets, nil)
					}
					buckets[d] = append(buckets[d], v)
				}
			}
		}
	}
	for v, d := range dist {
		g.price[v] -= d * eps
	}
}
