package digest_test

import (
	"context"
	"testing"
	"time"

	"anubhav/appconfig"
	"anubhav/digest"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/testkit/bulkdata"
	"anubhav/testkit/mailtest"
)

// The digest on a district of 500 stations holding 1,000,000 items (DESIGN.md's budget: 2 s
// for one day's digest). The data set is generated on the first run only (see bulkdata);
// these run only with -bench:
//
//	GOTOOLCHAIN=auto go test ./digest/ -run '^$' -bench . -benchtime 10x
var bulk = bulkdata.Options{Stations: 500, Subdivisions: 25, Items: 1_000_000, Days: 365}

// BenchmarkDigest builds and renders yesterday's digest of one officer per role, and the
// digest of the last Sunday, which goes out on a Monday with the weekly part (role/monday).
func BenchmarkDigest(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulk)
	cfg, err := appconfig.Get(app)
	if err != nil {
		b.Fatal(err)
	}
	// the data set's Now (bulkdata.NewApp): after 18:30 UTC, IST's yesterday would run past
	// its last item
	now := time.Now().UTC().Truncate(24 * time.Hour).Add(12 * time.Hour)
	days := map[string]digest.Day{"": digest.Yesterday(now, cfg.Location)}
	for back := 1; ; back++ {
		if sunday := digest.Yesterday(now.AddDate(0, 0, 1-back), cfg.Location); sunday.Start.Weekday() == time.Sunday {
			days["/monday"] = sunday
			break
		}
	}
	for _, role := range []string{schema.RoleDistrict, schema.RoleRange, schema.RoleSubdivision, schema.RoleStation} {
		officer, err := app.FindAuthRecordByEmail(schema.Officers, ds.Officers[role])
		if err != nil {
			b.Fatal(err)
		}
		for _, which := range []string{"", "/monday"} {
			b.Run(role+which, func(b *testing.B) {
				var d *digest.Digest
				for b.Loop() {
					if d, err = digest.Build(app, officer, days[which], now); err != nil {
						b.Fatal(err)
					}
					if _, err := digest.Render(d); err != nil {
						b.Fatal(err)
					}
				}
				if role == schema.RoleDistrict && (d.Total.Responses < 2000 || len(d.Stations) < 450) {
					b.Fatalf("the digest covers %d responses at %d stations; the data set gives ~2,700 at ~500", d.Total.Responses, len(d.Stations))
				}
				if weekly := which != "" && role != schema.RoleStation; weekly != (d.Weekly != nil) || weekly && len(d.Weekly.Best) != 3 {
					b.Fatalf("the weekly part %+v on the digest of %s", d.Weekly, days[which].Date)
				}
				b.ReportMetric(float64(d.Total.Responses), "responses")
				b.ReportMetric(float64(len(d.Stations)), "stations")
			})
		}
	}
}

// BenchmarkSendDue is the scheduler's whole morning run: the four officers' digests queued,
// built, rendered and sent through the outbox over one connection to a real SMTP server on
// loopback, and recorded.
func BenchmarkSendDue(b *testing.B) {
	app, _ := bulkdata.NewApp(b, bulk)
	smtp := mailtest.Start(b)
	smtp.Use(app)
	cfg, err := appconfig.Get(app)
	if err != nil {
		b.Fatal(err)
	}
	today := time.Now().In(cfg.Location)
	morning := time.Date(today.Year(), today.Month(), today.Day(), 9, 0, 0, 0, cfg.Location)
	box := outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.Digest: digest.Delivery()},
		Now: func() time.Time { return morning }})
	sent := 0
	for b.Loop() {
		for _, table := range []string{"digests", "outbox"} {
			if _, err := app.DB().NewQuery("DELETE FROM " + table).Execute(); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := digest.EnqueueDue(app, morning); err != nil {
			b.Fatal(err)
		}
		out, err := box.Drain(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		sent = len(out)
	}
	if sent != 4 || len(smtp.Messages()) < 4 {
		b.Fatalf("%d digests per run, %d mails; want the 4 officers of the data set", sent, len(smtp.Messages()))
	}
}
