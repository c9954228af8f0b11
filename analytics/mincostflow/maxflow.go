package mincostflow

// augmentToMax raises the current flow from s to t to a maximum flow with Dinic's algorithm:
// breadth-first levels, then blocking flows along level-increasing arcs. On unit-capacity
// bipartite graphs like the transfer planner's this is Hopcroft-Karp in disguise. It reports
// whether the flow changed.
func (g *Graph) augmentToMax(s, t int32) (changed bool) {
	level := make([]int32, g.nodes)
	next := make([]int32, g.nodes)
	queue := make([]int32, 0, g.nodes)
	for {
		for i := range level {
			level[i] = -1
		}
		level[s] = 0
		queue = append(queue[:0], s)
		for head := 0; head < len(queue); head++ {
			v := queue[head]
			for _, a := range g.adj[g.adjStart[v]:g.adjStart[v+1]] {
				if w := g.to[a]; g.residual[a] > 0 && level[w] < 0 {
					level[w] = level[v] + 1
					queue = append(queue, w)
				}
			}
		}
		if level[t] < 0 {
			return changed
		}
		copy(next, g.adjStart[:g.nodes])
		for g.blockingPath(s, t, level, next) {
			changed = true
		}
	}
}

// blockingPath pushes one unit-or-more path of the level graph from s to t, iteratively so a
// long alternating path cannot exhaust the stack. It reports whether it found one.
func (g *Graph) blockingPath(s, t int32, level, next []int32) bool {
	var path []int32 // internal arcs from s
	v := s
	for v != t {
		advanced := false
		for next[v] < g.adjStart[v+1] {
			a := g.adj[next[v]]
			if w := g.to[a]; g.residual[a] > 0 && level[w] == level[v]+1 {
				path = append(path, a)
				v = w
				advanced = true
				break
			}
			next[v]++
		}
		if advanced {
			continue
		}
		if v == s {
			return false
		}
		// Dead end: retire v from this phase and step back.
		level[v] = -1
		last := path[len(path)-1]
		path = path[:len(path)-1]
		v = g.from(last)
		next[v]++
	}
	delta := g.residual[path[0]]
	for _, a := range path[1:] {
		delta = min(delta, g.residual[a])
	}
	for _, a := range path {
		g.push(a, delta)
	}
	return true
}
