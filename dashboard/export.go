package dashboard

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/dashboard/report"
	"github.com/timbang/timbang/data/accounts"
)

// export downloads the imbalance report of the view its query names, as far as the user's
// scope reaches, and records it in the audit log. A CSV for Indonesian Excel (the default in
// Bahasa Indonesia) is semicolon-separated with decimal commas and a byte-order mark.
func (s *Server) export(c *fiber.Ctx) error {
	format := c.Params("format")
	if format != "xlsx" && format != "csv" && format != "pdf" {
		return notFound("no report format " + format)
	}
	l, _, v, err := s.readRequest(c)
	if err != nil {
		return err
	}
	who := actor(c)
	ctx := c.UserContext()
	rep, err := report.Build(ctx, s.reader(ctx), report.Request{Filter: v.Filter, Lang: string(l.Lang), By: who.Name, At: s.auth.now()})
	if err != nil {
		return err
	}
	name := fmt.Sprintf("timbang-laporan-%s.%s", rep.Period.Format("2006-01"), format)
	c.Attachment(name)
	w := c.Response().BodyWriter()
	switch format {
	case "csv":
		c.Type("csv", "utf-8")
		opt := report.CSVOptions{Sep: ',', BOM: false}
		if c.Query("sep", map[Lang]string{LangID: ";"}[l.Lang]) == ";" {
			opt = report.CSVOptions{Sep: ';', BOM: true}
		}
		err = report.WriteCSV(w, rep, opt)
	case "pdf":
		c.Type("pdf")
		err = report.WritePDF(w, rep)
	default:
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		err = report.WriteXLSX(w, rep)
	}
	if err != nil {
		return err
	}
	sess, _ := session(c)
	return s.auth.audit.Record(ctx, accounts.Entry{At: s.auth.now(), Actor: who.Name, Action: accounts.ActionExport,
		Scope: sess.User.Scope.String(), Remote: who.Remote,
		Detail: fmt.Sprintf("%s %s, period %s, filters %s: %d units", format, name, rep.Period.Format("2006-01"),
			v.query(time.Time{}).Encode(), len(rep.Units)+len(rep.NoData))})
}
