package data

import "embed"

// Every file the data package embeds is declared here, so a reader finds them in one place.

// migrationFiles are the numbered schema migrations, applied in order of their number.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// Reference region data (Kemendagri codes, population, area); see wilayah/SOURCE.md.
var (
	//go:embed wilayah/regions.csv
	regionsCSV []byte
	//go:embed wilayah/population.csv
	populationCSV []byte
	//go:embed wilayah/area.csv
	areaCSV []byte
)

// integritySQL lists dangling references (foreign keys are not declared; see the schema).
//
//go:embed queries/integrity.sql
var integritySQL string

// orderByUnitSQL rewrites staff and workload in unit order (Store.OrderByUnit).
//
//go:embed queries/order_by_unit.sql
var orderByUnitSQL string
