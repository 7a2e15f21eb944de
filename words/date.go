package words

import (
	"strconv"
	"time"
)

// Date says a day as its catalog's date.long has it, e.g. "Tue 10 Jun 2025" in English, the
// day, the month's name and the year in Hindi.
func Date(lang string, t time.Time) string {
	return T(lang, "date.long", "weekday", T(lang, "weekday."+strconv.Itoa(int(t.Weekday()))),
		"day", t.Day(), "month", T(lang, "month."+strconv.Itoa(int(t.Month()))), "year", t.Year())
}
