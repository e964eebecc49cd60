// MSM_SendJSON — PASTE INTO YOUR 4D PROJECT (project method, NOT available through URLs).
// MSM_SendJSON(status line; answer) — sends the answer as JSON with the given HTTP status.

#DECLARE($status : Text; $answer : Object)

ARRAY TEXT($fields; 3)
ARRAY TEXT($values; 3)
$fields{1}:="X-VERSION"  // with X-STATUS: the reply's first line; must be items 1 and 2
$values{1}:="HTTP/1.1"
$fields{2}:="X-STATUS"
$values{2}:=$status
$fields{3}:="Cache-Control"
$values{3}:="no-store"
If ($status="401@")
	APPEND TO ARRAY($fields; "WWW-Authenticate")
	APPEND TO ARRAY($values; "Bearer")
End if 

WEB SET HTTP HEADER($fields; $values)
WEB SEND TEXT(JSON Stringify($answer); "application/json")
