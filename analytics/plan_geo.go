package analytics

import "math"

// earthRadiusKm is the mean Earth radius used for great-circle distances.
const earthRadiusKm = 6371.0

// HaversineKm is the great-circle distance between two points in degrees.
func HaversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// flatLowerBound is how much the flat projection of a geoGrid may overstate a great-circle
// distance. Within one province (a few degrees) the projection below, which shrinks longitude by
// the cosine of the latitude furthest from the equator, overstates by far less than 1%;
// plan_geo_test.go checks the bound on random points across Indonesia.
const flatLowerBound = 0.99

// geoGrid buckets points of a flat projection into square cells so that a search can visit
// cells nearest first and stop at a distance, or skip a cell by a bound on its contents.
type geoGrid struct {
	kmPerDegLon, cell float64
	minX, minY        float64
	nx, ny            int
	cells             [][]int32 // item indices per cell, row-major
}

// newGeoGrid makes a grid over points (lat, lon) whose cells hold about perCell points. The
// projection covers both the points and maxAbsLat, the furthest latitude any query comes from.
func newGeoGrid(lats, lons []float64, maxAbsLat float64, perCell int) *geoGrid {
	for _, lat := range lats {
		maxAbsLat = max(maxAbsLat, math.Abs(lat))
	}
	g := &geoGrid{kmPerDegLon: earthRadiusKm * math.Pi / 180 * math.Cos(math.Min(89, maxAbsLat+0.5)*math.Pi/180)}
	if len(lats) == 0 {
		g.cell, g.nx, g.ny = 1, 1, 1
		g.cells = make([][]int32, 1)
		return g
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range lats {
		x, y := g.project(lats[i], lons[i])
		minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
	}
	area := max(1, (maxX-minX)*(maxY-minY))
	g.cell = max(0.5, math.Sqrt(area*float64(perCell)/float64(len(lats))))
	g.minX, g.minY = minX, minY
	g.nx = int((maxX-minX)/g.cell) + 1
	g.ny = int((maxY-minY)/g.cell) + 1
	g.cells = make([][]int32, g.nx*g.ny)
	for i := range lats {
		cx, cy := g.cellOf(g.project(lats[i], lons[i]))
		g.cells[cy*g.nx+cx] = append(g.cells[cy*g.nx+cx], int32(i))
	}
	return g
}

// project maps degrees to kilometres on the grid's plane.
func (g *geoGrid) project(lat, lon float64) (x, y float64) {
	return lon * g.kmPerDegLon, lat * earthRadiusKm * math.Pi / 180
}

// cellOf is the cell of a projected point, possibly outside the grid.
func (g *geoGrid) cellOf(x, y float64) (cx, cy int) {
	return int(math.Floor((x - g.minX) / g.cell)), int(math.Floor((y - g.minY) / g.cell))
}

// lowerBoundKm is a lower bound on the great-circle distance from projected point (x, y) to
// anything in cell (cx, cy).
func (g *geoGrid) lowerBoundKm(x, y float64, cx, cy int) float64 {
	x0, y0 := g.minX+float64(cx)*g.cell, g.minY+float64(cy)*g.cell
	dx := max(0, x0-x, x-(x0+g.cell))
	dy := max(0, y0-y, y-(y0+g.cell))
	return math.Hypot(dx, dy) * flatLowerBound
}

// visit calls fn for every non-empty cell in rings of growing distance from (lat, lon) until
// fn returns false or the ring's lower bound passes limitKm (a negative limit: no limit). fn
// gets the cell index and a lower bound on the distance to it.
func (g *geoGrid) visit(lat, lon, limitKm float64, fn func(cell int, lowerKm float64) bool) {
	x, y := g.project(lat, lon)
	px, py := g.cellOf(x, y)
	// Rings before first hold no cell of the grid (the point lies outside it), rings beyond last
	// neither. Only the part of a ring inside the grid is walked: a point far from the grid
	// (a home in another province) would otherwise walk millions of empty cells.
	first := max(0, px-(g.nx-1), -px, py-(g.ny-1), -py)
	last := max(abs(px), abs(px-g.nx+1), abs(py), abs(py-g.ny+1))
	visitCell := func(cx, cy int) bool {
		if len(g.cells[cy*g.nx+cx]) == 0 {
			return true
		}
		lower := g.lowerBoundKm(x, y, cx, cy)
		if limitKm >= 0 && lower > limitKm {
			return true
		}
		return fn(cy*g.nx+cx, lower)
	}
	for r := first; r <= last; r++ {
		if limitKm >= 0 && float64(r-1)*g.cell*flatLowerBound > limitKm {
			return
		}
		x0, x1 := max(px-r, 0), min(px+r, g.nx-1)
		for cy := max(py-r, 0); cy <= min(py+r, g.ny-1); cy++ {
			if cy == py-r || cy == py+r {
				for cx := x0; cx <= x1; cx++ {
					if !visitCell(cx, cy) {
						return
					}
				}
				continue
			}
			// A middle row of the ring (r > 0 here): only its two ends, where they fall inside
			// the grid.
			for _, cx := range [2]int{px - r, px + r} {
				if cx >= 0 && cx < g.nx && !visitCell(cx, cy) {
					return
				}
			}
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
