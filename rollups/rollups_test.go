package rollups_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

// tallyRow is one row of counters, from the rollups or counted from the items.
type tallyRow struct {
	Unit, Day, Kind, Channel                                         string
	Items, Spam, Rated, RatingSum, Negative, StatusNew, StatusReview int
}

// stored reads the rollups' counters, leaving out rows that add up to nothing.
func stored(t *testing.T, app core.App) map[string]tallyRow {
	t.Helper()
	var rows []tallyRow
	if err := app.DB().NewQuery(`SELECT unit, day, kind, channel, items, spam, rated, rating_sum, negative,
		status_new, status_review FROM rollups WHERE items OR spam OR rated OR rating_sum OR negative
		OR status_new OR status_review`).All(&rows); err != nil {
		t.Fatal(err)
	}
	return byKey(rows)
}

// counted counts the same straight from the items, in SQL, under each of their units; the
// deployment's time zone is India's (+05:30) in the fixture.
func counted(t *testing.T, app core.App) map[string]tallyRow {
	t.Helper()
	var all []tallyRow
	for _, unit := range []string{"station", "subdivision", "district", "`range`"} {
		var rows []tallyRow
		if err := app.DB().NewQuery(`SELECT ` + unit + ` AS unit, date(created, '+330 minutes') AS day, kind, channel,
			sum(status != 'spam') AS items, sum(status = 'spam') AS spam,
			sum(status != 'spam' AND rating > 0) AS rated, sum(IIF(status != 'spam', rating, 0)) AS rating_sum,
			sum(status != 'spam' AND flags LIKE '%negative%') AS negative,
			sum(status = 'new') AS status_new, sum(status = 'in_review') AS status_review
			FROM feedback WHERE ` + unit + ` != '' GROUP BY 1, 2, 3, 4`).All(&rows); err != nil {
			t.Fatal(err)
		}
		all = append(all, rows...)
	}
	return byKey(all)
}

func byKey(rows []tallyRow) map[string]tallyRow {
	out := map[string]tallyRow{}
	for _, r := range rows {
		out[r.Unit+"|"+r.Day+"|"+r.Kind+"|"+r.Channel] = r
	}
	return out
}

// answers reads the stored answer counts per station, or counts them from the items; text
// answers, counted trimmed, are the cases' business.
func answers(t *testing.T, app core.App, fromItems bool) map[string]int {
	t.Helper()
	q := `SELECT unit || '|' || measure || '|' || day || '|' || kind || '|' || value AS k, n FROM rollup_counts
		WHERE measure LIKE 'q.%' AND measure != 'q.officer_name' AND n != 0 AND unit IN (SELECT id FROM stations)`
	if fromItems {
		q = `SELECT station || '|q.' || a.key || '|' || date(created, '+330 minutes') || '|' || kind || '|' ||
			IIF(a.type = 'true', 'yes', IIF(a.type = 'false', 'no', CAST(a.value AS TEXT))) AS k, count(*) AS n
			FROM feedback, json_each(feedback.answers) AS a WHERE status != 'spam' AND a.key != 'officer_name' GROUP BY 1
			UNION ALL SELECT station || '|q.rating|' || date(created, '+330 minutes') || '|' || kind || '|' || rating, count(*)
			FROM feedback WHERE status != 'spam' AND rating > 0 GROUP BY 1`
	}
	var rows []struct {
		K string
		N int
	}
	if err := app.DB().NewQuery(q).All(&rows); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.K] = r.N
	}
	return out
}

// keyed reads rows of a key and a count.
func keyed(t *testing.T, app core.App, q string) map[string]int {
	t.Helper()
	var rows []struct {
		K string
		N int
	}
	if err := app.DB().NewQuery(q).All(&rows); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.K] = r.N
	}
	return out
}

// months reads the month counts, or adds up the day counts per month.
func months(t *testing.T, app core.App, fromDays bool) map[string]int {
	if fromDays {
		return keyed(t, app, `SELECT unit || '|' || measure || '|' || substr(day, 1, 7) || '|' || kind || '|' || value AS k,
			sum(n) AS n FROM rollup_counts GROUP BY 1 HAVING sum(n) != 0`)
	}
	return keyed(t, app, `SELECT unit || '|' || measure || '|' || month || '|' || kind || '|' || value AS k, n
		FROM rollup_months WHERE n != 0`)
}

// everything is the whole of the rollup tables, for comparing with a rebuild.
func everything(t *testing.T, app core.App) map[string]int {
	t.Helper()
	out := keyed(t, app, `SELECT unit || '|' || measure || '|' || day || '|' || kind || '|' || value AS k, n
		FROM rollup_counts WHERE n != 0`)
	for k, n := range months(t, app, false) {
		out["month|"+k] = n
	}
	for k, r := range stored(t, app) {
		out[k] = r.Items*1e6 + r.Spam*1e5 + r.Rated*1e4 + r.RatingSum*1e3 + r.Negative*100 + r.StatusNew*10 + r.StatusReview
	}
	return out
}

func sameMaps[V comparable](t *testing.T, what string, got, want map[string]V) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%s %s: rollups %v, items %v", what, k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s %s: rollups %v, no such items", what, k, g)
		}
	}
}

// check compares the rollups with the items, and with a rebuild from them.
func check(t *testing.T, app core.App) {
	t.Helper()
	fold(t, app)
	sameMaps(t, "counters", stored(t, app), counted(t, app))
	sameMaps(t, "answers", answers(t, app, false), answers(t, app, true))
	sameMaps(t, "months", months(t, app, false), months(t, app, true))
	kept := everything(t, app)
	if err := rollups.Rebuild(app, nil); err != nil {
		t.Fatal(err)
	}
	sameMaps(t, "kept against rebuilt", kept, everything(t, app))
}

// A random sequence of arrivals, reviews, replies, actions, closings, spam, reopenings,
// flag changes and a superuser's deletions: after each step the rollups equal what the items
// count, and a rebuild changes nothing.
func TestRollupsFollowARandomSequence(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	rng := rand.New(rand.NewPCG(7, 14))
	folds := rand.New(rand.NewPCG(3, 5)) // when the journal is folded between steps, apart from rng
	officers := map[string]*core.Record{}
	for _, email := range []string{testapp.SP, testapp.OtherSP, testapp.StationA} {
		o, err := app.FindAuthRecordByEmail(schema.Officers, email)
		if err != nil {
			t.Fatal(err)
		}
		officers[email] = o
	}
	stationCodes := []string{"st-a", "st-b", "st-c", "st-d"}
	actions := []string{schema.ActionReview, schema.ActionReply, schema.ActionTaken, schema.ActionClose,
		schema.ActionSpam, schema.ActionReopen, schema.ActionNote}
	done := map[string]int{}
	var items []string
	for _, id := range fx.Items {
		items = append(items, id)
	}
	check(t, app)
	for step := range 120 {
		switch p := rng.IntN(10); {
		case p < 4 || len(items) == 0:
			kind := schema.FeedbackKinds[rng.IntN(3)]
			rating := 0
			if kind == schema.KindExperience {
				rating = 1 + rng.IntN(5)
			}
			at := time.Now().Add(-time.Duration(rng.IntN(40*24)) * time.Hour)
			r := testapp.Item(t, app, fx.Stations[stationCodes[rng.IntN(4)]], kind, rating, schema.Channels[rng.IntN(3)], at,
				map[string]any{"staff_helped": []string{"yes", "no"}[rng.IntN(2)], "behaviour": float64(1 + rng.IntN(5)),
					"officer_name": []string{"SI Verma", "  SI   Verma ", "ASI Sahu"}[rng.IntN(3)]})
			items = append(items, r.Id)
		case p < 8:
			id := items[rng.IntN(len(items))]
			item, err := app.FindRecordById(schema.Feedback, id)
			if err != nil {
				t.Fatal(err)
			}
			sp := testapp.SP
			if item.GetString("district") == fx.Areas["d2"] {
				sp = testapp.OtherSP
			}
			// an action that does not apply to the status is refused, and changes nothing
			action := actions[rng.IntN(len(actions))]
			if _, err := console.Act(app, officers[sp], id, console.Action{Name: action, Body: "Done"}); err == nil {
				done[action]++
			}
		case p < 9:
			item, err := app.FindRecordById(schema.Feedback, items[rng.IntN(len(items))])
			if err != nil {
				t.Fatal(err)
			}
			item.Set("flags", []string{schema.FlagNegative, schema.FlagUrgent}[:rng.IntN(3)])
			if err := app.Save(item); err != nil {
				t.Fatal(err)
			}
		default:
			i := rng.IntN(len(items))
			item, err := app.FindRecordById(schema.Feedback, items[i])
			if err != nil {
				t.Fatal(err)
			}
			if err := app.Delete(item); err != nil {
				t.Fatal(err)
			}
			items = append(items[:i], items[i+1:]...)
			done["delete"]++
		}
		if folds.IntN(3) == 0 {
			fold(t, app)
		}
		if step%20 == 19 {
			check(t, app)
			if t.Failed() {
				t.Fatalf("after step %d", step)
			}
		}
	}
	check(t, app)
	for _, a := range append(actions, "delete") {
		if done[a] == 0 {
			t.Errorf("the sequence never took %s: %v", a, done)
		}
	}
}

// fold applies the journal, as every reader of the rollups does first.
func fold(t *testing.T, app core.App) {
	t.Helper()
	if err := rollups.Fold(app); err != nil {
		t.Fatal(err)
	}
}

// tally is one unit's counters over every day, kind and channel.
func tally(t *testing.T, app core.App, unit string) rollups.Tally {
	t.Helper()
	fold(t, app)
	var x rollups.Tally
	if err := app.DB().NewQuery(`SELECT coalesce(sum(items), 0) AS items, coalesce(sum(spam), 0) AS spam,
		coalesce(sum(rated), 0) AS rated, coalesce(sum(rating_sum), 0) AS rating_sum, coalesce(sum(negative), 0) AS negative,
		coalesce(sum(status_new), 0) AS status_new, coalesce(sum(status_review), 0) AS status_review
		FROM rollups WHERE unit = {:unit}`).Bind(map[string]any{"unit": unit}).One(&x); err != nil {
		t.Fatal(err)
	}
	return x
}

func count(t *testing.T, app core.App, unit, measure string) map[string]int {
	t.Helper()
	fold(t, app)
	var rows []struct {
		Value string
		N     int
	}
	if err := app.DB().NewQuery(`SELECT value, sum(n) AS n FROM rollup_counts WHERE unit = {:unit} AND measure = {:m}
		GROUP BY value HAVING sum(n) != 0`).Bind(map[string]any{"unit": unit, "m": measure}).All(&rows); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Value] = r.N
	}
	return out
}
