package ter

const (
	// Success: applied, forwarded; final only in a validated ledger.
	TesSUCCESS Code = 0

	// Retry (1..11, rippled -99..-1 renumbered): not applied; may
	// succeed later once a prior transaction applies. Held, not forwarded
	// (except terQUEUED).
	TerRETRY       Code = 1
	TerFUNDS_SPENT Code = 2
	TerINSUF_FEE_B Code = 3
	TerNO_ACCOUNT  Code = 4
	TerNO_AUTH     Code = 5
	TerNO_LINE     Code = 6
	TerOWNERS      Code = 7
	TerPRE_SEQ     Code = 8
	TerLAST        Code = 9
	TerNO_RIPPLE   Code = 10
	TerQUEUED      Code = 11
)

// successRetryResults lists tesSUCCESS and every ter code with its token and chainsqld's text.
var successRetryResults = []result{
	{TesSUCCESS, "tesSUCCESS", "The transaction was applied. Only final in a validated ledger."},
	{TerRETRY, "terRETRY", "Retry transaction."},
	{TerFUNDS_SPENT, "terFUNDS_SPENT", "Can't set password, password set funds already spent."},
	{TerINSUF_FEE_B, "terINSUF_FEE_B", "Account balance can't pay fee."},
	{TerNO_ACCOUNT, "terNO_ACCOUNT", "The source account does not exist."},
	{TerNO_AUTH, "terNO_AUTH", "Not authorized to hold IOUs."},
	{TerNO_LINE, "terNO_LINE", "No such line."},
	{TerOWNERS, "terOWNERS", "Non-zero owner count."},
	{TerPRE_SEQ, "terPRE_SEQ", "Missing/inapplicable prior transaction."},
	{TerLAST, "terLAST", "Process last."},
	{TerNO_RIPPLE, "terNO_RIPPLE", "Path does not permit rippling."},
	{TerQUEUED, "terQUEUED", "Held until escalated fee drops."},
}
