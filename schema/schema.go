// Package schema names the collections, fields and enumerated values of DESIGN.md, so that
// migrations, hooks and queries spell them the same way.
package schema

// Collections.
const (
	Areas     = "areas"
	Stations  = "stations"
	Officers  = "officers"
	Questions = "questions"
	Feedback  = "feedback"
	Contacts  = "contacts"
	Followups = "followups"
	Digests   = "digests"
	Config    = "config"
)

// Area kinds, from the top of the hierarchy down.
const (
	AreaRange       = "range"
	AreaDistrict    = "district"
	AreaSubdivision = "subdivision"
)

// AreaKinds lists the area kinds from the top of the hierarchy down.
var AreaKinds = []string{AreaRange, AreaDistrict, AreaSubdivision}

// StationKinds are the kinds of police station.
var StationKinds = []string{"thana", "chowki", "office", "special"}

// Officer roles. Each role but RoleStation is bound to the area of the same kind.
const (
	RoleStation     = "station"
	RoleSubdivision = "subdivision"
	RoleDistrict    = "district"
	RoleRange       = "range"
)

// Roles lists the officer roles, lowest first.
var Roles = []string{RoleStation, RoleSubdivision, RoleDistrict, RoleRange}

// Feedback kinds.
const (
	KindExperience = "experience"
	KindComplaint  = "complaint"
	KindTip        = "tip"
)

// FeedbackKinds lists the feedback kinds.
var FeedbackKinds = []string{KindExperience, KindComplaint, KindTip}

// Feedback statuses.
const (
	StatusNew         = "new"
	StatusInReview    = "in_review"
	StatusActionTaken = "action_taken"
	StatusClosed      = "closed"
	StatusSpam        = "spam"
)

// Statuses lists the feedback statuses in the order of the review.
var Statuses = []string{StatusNew, StatusInReview, StatusActionTaken, StatusClosed, StatusSpam}

// Awaiting are the statuses of an item that still waits for the police to act: new or in
// review ("open"); action taken, closed and spam do not.
var Awaiting = []string{StatusNew, StatusInReview}

// AwaitingAny is Awaiting for dbx.In.
func AwaitingAny() []any { return []any{StatusNew, StatusInReview} }

// Feedback flags.
const (
	FlagNegative = "negative"
	FlagUrgent   = "urgent"
	FlagBurst    = "burst"
)

// Flags lists the feedback flags.
var Flags = []string{FlagNegative, FlagUrgent, FlagBurst}

// Channels through which feedback reaches the police.
const ChannelQR = "qr"

// Channels lists every channel; all but ChannelQR are entered by an officer.
var Channels = []string{ChannelQR, "walkin", "phone", "whatsapp", "video", "email"}

// Follow-up kinds.
const (
	FollowupNote        = "note"
	FollowupInstruction = "instruction"
	FollowupReply       = "reply"
	FollowupStatus      = "status"
)

// FollowupKinds lists the follow-up kinds.
var FollowupKinds = []string{FollowupNote, FollowupInstruction, FollowupReply, FollowupStatus}

// Question types.
var QuestionTypes = []string{"rating", "yesno", "choice", "text", "date"}

// Digest outcomes.
const (
	DigestPending = "pending"
	DigestSent    = "sent"
	DigestFailed  = "failed"
)

// Languages of the product.
const (
	LangHindi   = "hi"
	LangEnglish = "en"
)

// Langs lists the languages, the default first.
var Langs = []string{LangHindi, LangEnglish}

// CodePattern is the pattern of area and station codes: a lowercase slug.
const CodePattern = `^[a-z0-9]+(-[a-z0-9]+)*$`
