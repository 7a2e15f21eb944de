package digest

import (
	"fmt"
	"time"
)

// Day is one calendar day of the district's time zone: from its midnight (inclusive) to the
// next midnight (exclusive).
type Day struct {
	Date  string // YYYY-MM-DD
	Start time.Time
	End   time.Time
}

// DayOf parses a YYYY-MM-DD date as a day of the given time zone.
func DayOf(date string, loc *time.Location) (Day, error) {
	start, err := time.ParseInLocation(time.DateOnly, date, loc)
	if err != nil {
		return Day{}, fmt.Errorf("date %q: use the form YYYY-MM-DD", date)
	}
	return Day{Date: date, Start: start, End: start.AddDate(0, 0, 1)}, nil
}

// Yesterday is the day before the one that holds now, in the given time zone.
func Yesterday(now time.Time, loc *time.Location) Day {
	local := now.In(loc)
	start := time.Date(local.Year(), local.Month(), local.Day()-1, 0, 0, 0, 0, loc)
	return Day{Date: start.Format(time.DateOnly), Start: start, End: start.AddDate(0, 0, 1)}
}

// dbTime is a time as PocketBase stores it (UTC text that sorts as it compares).
