package schema

// Console actions: what an officer does to an item in the console. Each is recorded as one
// follow-up (its kind says how it reads, its action what was done). ActionSMS is the
// server's own record of an SMS sent (or not) for a public reply.
const (
	ActionReview      = "review"
	ActionNote        = "note"
	ActionInstruction = "instruction"
	ActionTaken       = "action_taken"
	ActionReply       = "reply"
	ActionAssign      = "assign"
	ActionClose       = "close"
	ActionSpam        = "spam"
	ActionReopen      = "reopen"
	ActionSMS         = "sms"
	// ActionAcknowledge closes praise (an item that asks nothing of the police) without a
	// reason; the console does it one by one or in bulk.
	ActionAcknowledge = "acknowledge"
	// ActionShare shares a tip-off's text, never its contact, with a station that must act
	// on it (the district decides); the station answers with a note.
	ActionShare = "share"
	// ActionExport is the server's record that an item's contact left in an export, and who
	// took it out; no officer picks it.
	ActionExport = "export"
)

// ConsoleActions lists the console actions.
var ConsoleActions = []string{ActionReview, ActionNote, ActionInstruction, ActionTaken, ActionReply,
	ActionAssign, ActionClose, ActionSpam, ActionReopen, ActionSMS, ActionAcknowledge, ActionShare, ActionExport}
