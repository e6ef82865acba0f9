package ter

const (
	// Local (400..): this server refused the transaction (fee, local
	// limits). Only returned outside consensus: not forwarded, not
	// applied, no fee charged.
	TelLOCAL_ERROR           Code = 400
	TelBAD_DOMAIN            Code = 401
	TelBAD_PATH_COUNT        Code = 402
	TelBAD_PUBLIC_KEY        Code = 403
	TelFAILED_PROCESSING     Code = 404
	TelINSUF_FEE_P           Code = 405
	TelNO_DST_PARTIAL        Code = 406
	TelCAN_NOT_QUEUE         Code = 407
	TelCAN_NOT_QUEUE_BALANCE Code = 408
	TelCAN_NOT_QUEUE_BLOCKS  Code = 409
	TelCAN_NOT_QUEUE_BLOCKED Code = 410
	TelCAN_NOT_QUEUE_FEE     Code = 411
	TelCAN_NOT_QUEUE_FULL    Code = 412

	// ChainSQL transaction pool limits.
	TelTX_POOL_FULL Code = 413
	TelTX_HELD_FAIL Code = 414
	TelSEQ_TOOLARGE Code = 415
)

// localResults lists every tel code with its token and chainsqld's text.
var localResults = []result{
	{TelLOCAL_ERROR, "telLOCAL_ERROR", "Local failure."},
	{TelBAD_DOMAIN, "telBAD_DOMAIN", "Domain too long."},
	{TelBAD_PATH_COUNT, "telBAD_PATH_COUNT", "Malformed: Too many paths."},
	{TelBAD_PUBLIC_KEY, "telBAD_PUBLIC_KEY", "Public key too long."},
	{TelFAILED_PROCESSING, "telFAILED_PROCESSING", "Failed to correctly process transaction."},
	{TelINSUF_FEE_P, "telINSUF_FEE_P", "Fee insufficient."},
	{TelNO_DST_PARTIAL, "telNO_DST_PARTIAL", "Partial payment to create account not allowed."},
	{TelCAN_NOT_QUEUE, "telCAN_NOT_QUEUE", "Can not queue at this time."},
	{TelCAN_NOT_QUEUE_BALANCE, "telCAN_NOT_QUEUE_BALANCE", "Can not queue at this time: insufficient balance to pay all queued fees."},
	{TelCAN_NOT_QUEUE_BLOCKS, "telCAN_NOT_QUEUE_BLOCKS", "Can not queue at this time: would block later queued transaction(s)."},
	{TelCAN_NOT_QUEUE_BLOCKED, "telCAN_NOT_QUEUE_BLOCKED", "Can not queue at this time: blocking transaction in queue."},
	{TelCAN_NOT_QUEUE_FEE, "telCAN_NOT_QUEUE_FEE", "Can not queue at this time: fee insufficient to replace queued transaction."},
	{TelCAN_NOT_QUEUE_FULL, "telCAN_NOT_QUEUE_FULL", "Can not queue at this time: queue is full."},
	{TelTX_POOL_FULL, "telTX_POOL_FULL", "Can not queue at this time: tx pool is full."},
	{TelTX_HELD_FAIL, "telTX_HELD_FAIL", "Tx cannot be held: Held size reach limit or same sequence for the account have been held."},
	{TelSEQ_TOOLARGE, "telSEQ_TOOLARGE", "Account sequence too large."},
}
