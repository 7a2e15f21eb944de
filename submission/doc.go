// Package submission turns what a citizen sends into a stored feedback item: it decodes the
// submission (JSON or a plain form post), validates it against the active questionnaire
// with a message per field in Hindi and English, computes the item's flags, stores the item
// and its contact row (only with consent) in one transaction and returns the receipt.
//
// The citizen's form (POST /api/feedback, see package citizen) and the officer console both
// use it. The console enters an item received by phone, at the counter, etc. on a citizen's
// behalf:
//
//	in := submission.Input{Station: "drg-supela", Kind: schema.KindComplaint, Comment: "…",
//		Lang: schema.LangHindi, Answers: map[string]string{"complaint_about": "delay"}}
//	receipt, err := submission.Submit(app, in, submission.Source{Channel: "phone", EnteredBy: officer.Id})
//	var bad submission.Errors
//	switch {
//	case errors.As(err, &bad): // 400: bad.In(lang) gives one message per field
//	case errors.Is(err, submission.ErrUnknownStation): // 404
//	case err != nil: // 500
//	}
//	// receipt is "1234-5678-9012-3456": give it to the citizen; it is not kept anywhere.
//
// Field names (the keys of Errors) are those of the submission: station, kind, rating,
// comment, visit_date, lang, name, mobile, consent, channel and answers.{key}.
//
// Rules worth knowing:
//   - The questions rating, visit_date and comment are the item's own fields; every other
//     active question's answer goes into answers by key. Answers to questions that are not
//     active or not asked for the item's kind are dropped, as is a rating for a kind that
//     asks none.
//   - A complaint must say what happened (comment).
//   - Dates are YYYY-MM-DD (DD-MM-YYYY and DD/MM/YYYY are read too), not in the future and
//     not older than 90 days, in the district's time zone.
//   - The mobile is a 10-digit Indian mobile (a +91 or 0 prefix, spaces and dashes are
//     allowed and removed). A name or mobile without consent is refused with a message on
//     consent (we never keep them without it, and never drop them silently); consent needs
//     a mobile.
//   - Flags: negative for an overall rating of 1 or 2 or an unsolved problem
//     (problem_solved = no); urgent for every complaint and for any text containing one of
//     the district's urgent words (config.urgent_words, Hindi or English, matched at the
//     start of a word, case-insensitively); burst comes from the caller's abuse control
//     (Source.Flags).
package submission
