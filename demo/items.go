package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/outbox"
	"anubhav/progress"
	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/submission"
)

const (
	// days of feedback the demo holds, up to today.
	days = 60
	// seed makes every run draw the same items (relative to the day it runs).
	seed = 2025_11_24
	// receiptCount is how many demo items with a public reply get a printed receipt.
	receiptCount = 3
)

// The stories the SP Durg's dashboard tells, over the last 30 days (which end yesterday, the
// previous 30 ending 31 days ago) and the last 90: a weak station, one that has turned round
// since the previous period, and one gone quiet. README names them.
const (
	weakStation      = "drg-jamul"
	improvingStation = "drg-mohan-nagar"
	quietStation     = "drg-nandini-nagar"
	// turnDay: the improving station's items of the last turnDay days are good, older ones poor.
	turnDay = 31
	// poorMood is the weak station's mood, and the improving one's before it turned; goodMood
	// the improving one's since.
	poorMood = -2
	goodMood = 1.5
	// storyWeight: the stories' stations are busy, so that their numbers are not chance.
	storyWeight = 3
)

// How busy a station is, by kind, and which stations are busier, better or worse than most,
// so that the console and the digest have something to show.
var (
	kindWeight = map[string]float64{"thana": 4, "special": 3, "chowki": 1.5, "office": 0.5}
	busy       = []string{"drg-supela", "drg-kotwali", "drg-bhilai-nagar", "drg-chhawani", "bld-balod", "bmt-bemetara"}
	// mood shifts a station's ratings: below zero worse, above better (see moodOf for the stories).
	mood = map[string]float64{"bld-dondi": -0.6, "bmt-berla": -0.3, "drg-supela": 0.4, "drg-mahila-thana": 0.5}
	// quiet stations have had no feedback for the last so many days (a poster may be missing).
	quiet = map[string]int{"bld-mangchuwa": 10, "bmt-deokar": 10, quietStation: turnDay}
	// Citizens come to a station in office hours mostly.
	hourWeights = map[int]float64{9: 1, 10: 3, 11: 5, 12: 5, 13: 4, 14: 5, 15: 5, 16: 4, 17: 3, 18: 2, 19: 2, 20: 1}
	channels    = map[string]float64{schema.ChannelQR: 86, "walkin": 5, "phone": 4, "whatsapp": 3, "email": 1, "video": 1}
	spamTexts   = []text{en("test"), en("hello"), hi("जय हो"), en("asdfgh")}
)

// generator draws the demo items from a fixed seed.
type generator struct {
	rng         *rand.Rand
	now         time.Time
	loc         *time.Location
	stations    []*core.Record
	weights     []float64
	staff       *staff
	urgentWords []string
	// canned are the district's canned replies by language, which the demo's officers use
	canned map[string][]string
}

// seedItems adds the demo items, in one transaction, unless the database holds feedback.
func seedItems(app core.App, st *staff, itemsProgress progress.Func) (int, error) {
	existing, err := app.CountRecords(schema.Feedback)
	if err != nil || existing > 0 {
		return 0, err
	}
	cfg, err := appconfig.Get(app)
	if err != nil {
		return 0, err
	}
	stations, err := app.FindRecordsByFilter(schema.Stations, "active = true", "code", 0, 0)
	if err != nil {
		return 0, err
	}
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed)), now: time.Now(), loc: cfg.Location,
		stations: stations, staff: st, urgentWords: cfg.UrgentWords,
		canned: map[string][]string{schema.LangEnglish: cfg.Replies, schema.LangHindi: cfg.RepliesHi}}
	for _, s := range stations {
		w := kindWeight[s.GetString("kind")]
		switch code := s.GetString("code"); {
		case code == weakStation || code == improvingStation:
			w *= storyWeight
		case slices.Contains(busy, code):
			w *= 1.8
		}
		g.weights = append(g.weights, w)
	}
	plans, err := g.plan(app)
	if err != nil {
		return 0, err
	}
	receipts := receiptNumbers()
	var urgent []any
	err = app.RunInTransaction(func(tx core.App) error {
		for i, p := range plans {
			number := ""
			if len(receipts) > 0 && p.hasPublicReply() {
				number, receipts = receipts[0], receipts[1:]
			}
			id, err := p.save(tx, number)
			if err != nil {
				return err
			}
			if slices.Contains(p.flags, schema.FlagUrgent) {
				urgent = append(urgent, id)
			}
			if itemsProgress != nil {
				itemsProgress(i+1, len(plans))
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	// The demo's items are history, not arrivals: nobody is alerted about them. (The alerts
	// are queued once the transaction is committed, so they are withdrawn after it.)
	_, err = app.DB().Delete(outbox.Collection, dbx.And(dbx.HashExp{"kind": outbox.Alert}, dbx.In("ref", urgent...))).Execute()
	return len(plans), err
}

// plan draws every item, oldest first, and checks each against the questionnaire as the
// citizen's form would.
func (g *generator) plan(app core.App) ([]*plannedItem, error) {
	var plans []*plannedItem
	today := g.now.In(g.loc)
	for d := days - 1; d >= 0; d-- {
		day := time.Date(today.Year(), today.Month(), today.Day()-d, 0, 0, 0, 0, g.loc)
		// The campaign catches on: more feedback lately, less on Sundays.
		n := 5 + 9*float64(days-d)/days + g.rng.NormFloat64()*1.5
		if day.Weekday() == time.Sunday {
			n *= 0.6
		}
		for range max(0, int(n+0.5)) {
			at := day.Add(time.Duration(pick(g.rng, hourWeights))*time.Hour + time.Duration(g.rng.IntN(60))*time.Minute)
			if at.After(g.now.Add(-5 * time.Minute)) {
				continue
			}
			station := g.station(d)
			p := g.item(station, at, d)
			if err := submission.Validate(app, &p.in); err != nil {
				return nil, fmt.Errorf("a demo item at %s does not fit the questionnaire: %w", station.GetString("code"), err)
			}
			p.flags = submission.Flags(p.in, g.urgentWords)
			g.review(p, d)
			plans = append(plans, p)
		}
	}
	return plans, nil
}

func (g *generator) station(daysAgo int) *core.Record {
	for {
		s := g.stations[pickIndex(g.rng, g.weights)]
		if daysAgo >= quiet[s.GetString("code")] {
			return s
		}
	}
}

// item draws what a citizen submitted.
func (g *generator) item(station *core.Record, at time.Time, daysAgo int) *plannedItem {
	p := &plannedItem{station: station, created: at, channel: pick(g.rng, channels), answers: map[string]any{}}
	p.in = submission.Input{Station: station.GetString("code"), Answers: map[string]string{}}
	m := moodOf(station.GetString("code"), daysAgo)
	complaints := 0.055
	if m <= poorMood {
		complaints = 0.2 // a poor station is complained about, too
	}
	r := g.rng.Float64()
	switch {
	case r < 0.01 && daysAgo > 3:
		p.spam = true
		g.experience(p, 1+g.rng.IntN(5))
		p.setText(oneOf(g, spamTexts))
	case r < 0.01+complaints:
		g.complaint(p)
	case r < 0.045+complaints:
		g.tip(p)
	default:
		g.experience(p, g.rating(m))
	}
	if p.in.Kind != schema.KindTip && g.rng.Float64() < 0.8 {
		visit := at
		if g.rng.Float64() < 0.25 {
			visit = at.AddDate(0, 0, -1) // people give feedback the day after, too
		}
		p.in.VisitDate = visit.In(g.loc).Format(time.DateOnly)
	}
	if p.in.Lang == "" {
		p.in.Lang = schema.LangHindi
		if g.rng.Float64() < 0.3 {
			p.in.Lang = schema.LangEnglish
		}
	}
	consent := 0.2
	if p.in.Kind != schema.KindExperience {
		consent = 0.55
	}
	if !p.spam && g.rng.Float64() < consent {
		p.in.Name = oneOf(g, citizenNames)
		p.in.Mobile = fmt.Sprintf("9%09d", g.rng.IntN(1_000_000_000))
		p.in.Consent = true
	}
	return p
}

// moodOf is a station's mood on a day: its own, or the one its story gives it.
func moodOf(code string, daysAgo int) float64 {
	switch {
	case code == weakStation || code == improvingStation && daysAgo >= turnDay:
		return poorMood
	case code == improvingStation:
		return goodMood
	}
	return mood[code]
}

// rating draws an overall rating: mostly 4 and 5, shifted by the station's mood m: below zero,
// a share -m/2 of the ratings are two stars lower; above, a share 0.6m one star higher.
func (g *generator) rating(m float64) int {
	rating := pick(g.rng, map[int]float64{5: 45, 4: 27, 3: 12, 2: 8, 1: 8})
	switch r := g.rng.Float64(); {
	case m < 0 && r < -m*0.5:
		rating = max(1, rating-2)
	case m > 0 && r < m*0.6:
		rating = min(5, rating+1)
	}
	return rating
}

func (g *generator) experience(p *plannedItem, rating int) {
	p.in.Kind = schema.KindExperience
	p.in.Rating = rating
	good := rating >= 4
	bad := rating <= 2
	p.answer("purpose", pick(g.rng, map[string]float64{"fir": 25, "application": 30, "verification": 20, "lost_article": 12, "enquiry": 6, "other": 7}))
	if bad {
		p.answer("staff_available", g.yesNo(0.6))
	} else {
		p.answer("staff_available", g.yesNo(0.95))
	}
	p.answer("staff_helped", g.yesNo(map[int]float64{5: 0.98, 4: 0.95, 3: 0.7, 2: 0.25, 1: 0.1}[rating]))
	p.answer("behaviour", min(5, max(1, rating+g.rng.IntN(3)-1)))
	switch {
	case good:
		p.answer("problem_solved", pick(g.rng, map[string]float64{"yes": 82, "partly": 18}))
	case bad:
		p.answer("problem_solved", pick(g.rng, map[string]float64{"yes": 5, "partly": 30, "no": 65}))
	default:
		p.answer("problem_solved", pick(g.rng, map[string]float64{"yes": 30, "partly": 55, "no": 15}))
	}
	if g.rng.Float64() < 0.85 {
		if bad {
			p.answer("time_taken", pick(g.rng, map[string]float64{"under_15": 5, "15_60": 35, "over_hour": 60}))
		} else {
			p.answer("time_taken", pick(g.rng, map[string]float64{"under_15": 55, "15_60": 41, "over_hour": 4}))
		}
	}
	if g.rng.Float64() < 0.75 {
		p.answer("cleanliness", min(5, max(1, rating+g.rng.IntN(3)-1)))
	}
	if g.rng.Float64() < 0.12 {
		p.answer("officer_name", oneOf(g, officerNames))
	}
	pool, chance := praise, 0.65
	switch {
	case bad:
		pool, chance = grievance, 0.9
	case !good:
		pool, chance = mixed, 0.75
	}
	if g.rng.Float64() < chance {
		p.setText(oneOf(g, pool))
	}
}

func (g *generator) complaint(p *plannedItem) {
	c := oneOf(g, complaints)
	p.in.Kind = schema.KindComplaint
	p.answer("purpose", pick(g.rng, map[string]float64{"fir": 50, "application": 25, "enquiry": 15, "other": 10}))
	p.answer("complaint_about", c.about)
	p.setText(c.text)
}

func (g *generator) tip(p *plannedItem) {
	t := oneOf(g, tips)
	p.in.Kind = schema.KindTip
	p.answer("tip_about", t.about)
	p.answer("tip_place", t.place)
	p.setText(t.text)
	// Tip-offs come by phone and WhatsApp more often than other items.
	if g.rng.Float64() < 0.3 {
		p.channel = pick(g.rng, map[string]float64{"phone": 1, "whatsapp": 1})
	}
}

func (g *generator) yesNo(pYes float64) string {
	if g.rng.Float64() < pYes {
		return "yes"
	}
	return "no"
}

// receiptNumbers are the printed demo receipts: drawn from their own fixed seed, so that
// every run prints the same ones.
func receiptNumbers() []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	var numbers []string
	for range receiptCount {
		numbers = append(numbers, fmt.Sprintf("%0*d", receipt.Digits, rng.Int64N(1e16)))
	}
	return numbers
}

// demoReceipts lists the demo receipts that this database's items carry.
func demoReceipts(app core.App) ([]string, error) {
	var found []string
	for _, number := range receiptNumbers() {
		hash, err := receipt.Hash(app, number)
		if err != nil {
			return nil, err
		}
		if n, err := app.CountRecords(schema.Feedback, dbx.HashExp{"receipt_hash": hash}); err == nil && n > 0 {
			found = append(found, receipt.Format(number))
		}
	}
	return found, nil
}

// pick draws a key of weights with probability proportional to its weight; keys are taken in
// sorted order so that the draw depends on the seed only.
func pick[K int | string](rng *rand.Rand, weights map[K]float64) K {
	keys := make([]K, 0, len(weights))
	for k := range weights {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	ws := make([]float64, len(keys))
	for i, k := range keys {
		ws[i] = weights[k]
	}
	return keys[pickIndex(rng, ws)]
}

func pickIndex(rng *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	r := rng.Float64() * total
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

func dateTime(t time.Time) types.DateTime {
	dt, _ := types.ParseDateTime(t.UTC())
	return dt
}
