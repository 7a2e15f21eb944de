// Package bulkdata generates large, realistic-looking data sets (a district of hundreds of
// stations and up to millions of feedback items) for benchmarks. Rows are written with
// multi-row SQL inserts in one transaction, so a million items take well under a minute.
package bulkdata

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/dbutils"
	"github.com/pocketbase/pocketbase/tools/security"

	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/stamp"
)

// Options size a data set.
type Options struct {
	Stations     int // stations, spread over the sub-divisions
	Subdivisions int // sub-divisions, spread over the districts
	// Districts in the one range (0: one). A state: 1,500 stations, 300 sub-divisions, 75
	// districts.
	Districts int
	Items     int // feedback items
	Days      int // items arrive evenly over this many days up to Now
	Now       time.Time
	Seed      uint64
}

// Password is the password of the data set's officers.
const Password = "password123"

// Dataset names what was generated.
type Dataset struct {
	// District is the first district (the district officer's); Districts all of them
	Range, District string
	Districts       []string
	Subdivisions    []string
	Stations        []string // ids; Stations[0] is in Subdivisions[0]
	StationCodes    []string
	// Officers by role: the officer of Stations[0], of Subdivisions[0], of the district and
	// of the range (emails; the password is Password).
	Officers map[string]string
}

// Build writes the areas, stations, officers and items into app, whose hooks must be bound
// (stations get their lineage from them).
func Build(app core.App, opt Options) (*Dataset, error) {
	ds := &Dataset{Officers: map[string]string{}}
	if err := buildAreasAndStations(app, opt, ds); err != nil {
		return nil, err
	}
	if err := buildOfficers(app, ds); err != nil {
		return nil, err
	}
	if err := insertItems(app, opt, ds); err != nil {
		return nil, err
	}
	// the items were written in SQL, past the hooks that keep the dashboard's rollups
	if err := rollups.Rebuild(app, nil); err != nil {
		return nil, err
	}
	_, err := app.DB().NewQuery("ANALYZE").Execute()
	return ds, err
}

func save(app core.App, collection string, data map[string]any) (*core.Record, error) {
	col, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(col)
	r.Load(data)
	if pw, ok := data["password"].(string); ok {
		r.SetPassword(pw)
		r.SetVerified(true)
	}
	return r, app.Save(r)
}

func buildAreasAndStations(app core.App, opt Options, ds *Dataset) error {
	rg, err := save(app, schema.Areas, map[string]any{"code": "bulk-range", "name": "Bulk Range", "name_hi": "बल्क रेंज", "kind": schema.AreaRange})
	if err != nil {
		return err
	}
	ds.Range = rg.Id
	for i := range max(opt.Districts, 1) {
		code, name := "bulk-district", "Bulk District"
		if i > 0 {
			code, name = fmt.Sprintf("bulk-district-%d", i), fmt.Sprintf("Bulk District %d", i)
		}
		district, err := save(app, schema.Areas, map[string]any{"code": code, "name": name, "name_hi": "बल्क जिला " + fmt.Sprint(i),
			"kind": schema.AreaDistrict, "parent": rg.Id})
		if err != nil {
			return err
		}
		ds.Districts = append(ds.Districts, district.Id)
	}
	ds.District = ds.Districts[0]
	for i := range max(opt.Subdivisions, 1) {
		sd, err := save(app, schema.Areas, map[string]any{"code": fmt.Sprintf("bulk-sd-%d", i), "name": fmt.Sprintf("Sub-division %d", i),
			"name_hi": fmt.Sprintf("अनुभाग %d", i), "kind": schema.AreaSubdivision, "parent": ds.Districts[i%len(ds.Districts)]})
		if err != nil {
			return err
		}
		ds.Subdivisions = append(ds.Subdivisions, sd.Id)
	}
	for i := range opt.Stations {
		code := fmt.Sprintf("bulk-st-%d", i)
		st, err := save(app, schema.Stations, map[string]any{"code": code, "name": fmt.Sprintf("Station %d", i),
			"name_hi": fmt.Sprintf("थाना %d", i), "kind": "thana", "area": ds.Subdivisions[i%len(ds.Subdivisions)], "active": true})
		if err != nil {
			return err
		}
		ds.Stations = append(ds.Stations, st.Id)
		ds.StationCodes = append(ds.StationCodes, code)
	}
	return nil
}

func buildOfficers(app core.App, ds *Dataset) error {
	units := []struct{ role, station, area string }{
		{schema.RoleStation, ds.Stations[0], ""},
		{schema.RoleSubdivision, "", ds.Subdivisions[0]},
		{schema.RoleDistrict, "", ds.District},
		{schema.RoleRange, "", ds.Range},
	}
	for _, u := range units {
		email := u.role + "@bulk.local"
		if _, err := save(app, schema.Officers, map[string]any{"email": email, "password": Password, "name": "Bulk " + u.role,
			"role": u.role, "station": u.station, "area": u.area, "digest": true, "lang": schema.LangEnglish}); err != nil {
			return err
		}
		ds.Officers[u.role] = email
	}
	return nil
}

var comments = []string{
	"थाने में स्टाफ ने अच्छे से बात की।", "रिपोर्ट लिखने में बहुत देर हुई।", "Staff was polite and helpful.",
	"Waited two hours, nobody listened.", "साफ़-सफ़ाई ठीक नहीं थी।", "", "", "मेरी शिकायत पर अब तक कोई कार्रवाई नहीं हुई।",
	"Good behaviour by the duty officer.", "पैसे माँगे गए, रिश्वत के बिना काम नहीं हुआ।",
}

const batch = 400

// insertItems writes the items newest-to-oldest spread evenly over the days, as literal
// multi-row inserts (the values are generated here, never user input).
func insertItems(app core.App, opt Options, ds *Dataset) error {
	rng := rand.New(rand.NewPCG(opt.Seed, 42))
	lineage := map[string][3]string{}
	var rows []struct{ Id, Subdivision, District, Range string }
	if err := app.DB().Select("id", "subdivision", "district", "range").From(schema.Stations).All(&rows); err != nil {
		return err
	}
	for _, r := range rows {
		lineage[r.Id] = [3]string{r.Subdivision, r.District, r.Range}
	}
	span := time.Duration(max(opt.Days, 1)) * 24 * time.Hour
	cols := "id, station, kind, rating, answers, comment, visit_date, channel, lang, status, flags, assigned_to, entered_by, closed_at, " +
		"reviewed_at, acted_at, replied_at, subdivision, district, `range`, receipt_hash, device_hash, created, updated"
	// A big page cache for the rows, and the sorts that make the indexes in temp files (SQLite
	// ran out of memory sorting 10,000,000 rows in memory), on the one connection that writes.
	writer := app.NonconcurrentDB()
	for _, q := range []string{"PRAGMA cache_size = -262144", "PRAGMA temp_store = FILE"} {
		if _, err := writer.NewQuery(q).Execute(); err != nil {
			return err
		}
	}
	defer func() {
		_, _ = writer.NewQuery("PRAGMA cache_size = -32000").Execute()
		_, _ = writer.NewQuery("PRAGMA temp_store = MEMORY").Execute()
	}()
	return app.RunInTransaction(func(tx core.App) error {
		// The items' indexes are dropped and made again after the rows: a state's 10,000,000
		// rows inserted under 16 indexes took hours; an index made from the rows is one sort.
		// So is the trigger that queues new items for the rollups, which the rebuild after
		// the rows makes whole (rollups.Created).
		var indexes []string
		if err := tx.DB().NewQuery("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'feedback' AND sql IS NOT NULL").
			Column(&indexes); err != nil {
			return err
		}
		var triggers []struct {
			Name string `db:"name"`
			SQL  string `db:"sql"`
		}
		if err := tx.DB().NewQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'feedback'").
			All(&triggers); err != nil {
			return err
		}
		drops, remake := dropStatements(tx, indexes), indexes
		for _, tr := range triggers {
			drops = append(drops, "DROP TRIGGER "+tx.DB().QuoteSimpleColumnName(tr.Name))
			remake = append(remake, tr.SQL)
		}
		for _, q := range drops {
			if _, err := tx.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		var sb strings.Builder
		for start := 0; start < opt.Items; start += batch {
			sb.Reset()
			sb.WriteString("INSERT INTO feedback (" + cols + ") VALUES ")
			for i := start; i < min(start+batch, opt.Items); i++ {
				if i > start {
					sb.WriteByte(',')
				}
				created := opt.Now.Add(-time.Duration(float64(span) * float64(i) / float64(opt.Items)))
				writeItem(&sb, rng, ds, lineage, created, opt.Now)
			}
			if _, err := tx.DB().NewQuery(sb.String()).Execute(); err != nil {
				return err
			}
		}
		for _, q := range remake {
			if _, err := tx.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}

// dropStatements are the statements that drop the indexes made by the given statements.
func dropStatements(app core.App, indexes []string) []string {
	var drops []string
	for _, q := range indexes {
		name := dbutils.ParseIndex(q).IndexName
		drops = append(drops, "DROP INDEX "+app.DB().QuoteSimpleColumnName(name))
	}
	return drops
}

func writeItem(sb *strings.Builder, rng *rand.Rand, ds *Dataset, lineage map[string][3]string, created, now time.Time) {
	station := ds.Stations[rng.IntN(len(ds.Stations))]
	l := lineage[station]
	kind, rating := schema.KindExperience, 0
	switch p := rng.IntN(100); {
	case p < 8:
		kind = schema.KindComplaint
	case p < 12:
		kind = schema.KindTip
	default:
		rating = []int{1, 2, 3, 4, 4, 5, 5, 5}[rng.IntN(8)]
	}
	var flags []string
	if kind == schema.KindExperience && rating <= 2 {
		flags = append(flags, schema.FlagNegative)
	}
	if kind == schema.KindComplaint {
		flags = append(flags, schema.FlagUrgent)
	}
	age := now.Sub(created)
	status := schema.StatusNew
	switch {
	case age > 14*24*time.Hour:
		status = []string{schema.StatusClosed, schema.StatusClosed, schema.StatusActionTaken, schema.StatusSpam}[rng.IntN(4)]
	case age > 2*24*time.Hour:
		status = []string{schema.StatusInReview, schema.StatusActionTaken, schema.StatusNew}[rng.IntN(3)]
	}
	// reviewed within hours to days, acted on within days, a reply to one in three reviewed
	closedAt, reviewedAt, actedAt, repliedAt := "", "", "", ""
	if status != schema.StatusNew {
		reviewed := created.Add(time.Duration(1+rng.IntN(72)) * time.Hour)
		reviewedAt = stamp.DB(reviewed)
		if rng.IntN(3) == 0 {
			repliedAt = stamp.DB(reviewed.Add(time.Duration(rng.IntN(48)) * time.Hour))
		}
	}
	if status != schema.StatusNew && status != schema.StatusInReview {
		actedAt = stamp.DB(created.Add(time.Duration(24+rng.IntN(10*24)) * time.Hour))
	}
	if status == schema.StatusClosed {
		closedAt = stamp.DB(created.Add(72 * time.Hour))
	}
	answers, _ := json.Marshal(map[string]any{"staff_helped": []string{"yes", "no"}[rng.IntN(2)], "purpose": "fir"})
	flagsJSON, _ := json.Marshal(append([]string{}, flags...))
	values := []any{
		security.PseudorandomString(15), station, kind, rating, string(answers), comments[rng.IntN(len(comments))],
		created.Format("2006-01-02") + " 00:00:00.000Z", schema.ChannelQR, schema.Langs[rng.IntN(2)], status, string(flagsJSON),
		"", "", closedAt, reviewedAt, actedAt, repliedAt, l[0], l[1], l[2], "", "", stamp.DB(created), stamp.DB(created),
	}
	sb.WriteByte('(')
	for i, v := range values {
		if i > 0 {
			sb.WriteByte(',')
		}
		switch v := v.(type) {
		case int:
			fmt.Fprint(sb, v)
		case string:
			sb.WriteString("'" + strings.ReplaceAll(v, "'", "''") + "'")
		}
	}
	sb.WriteByte(')')
}
