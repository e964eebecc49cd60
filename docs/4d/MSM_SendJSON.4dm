// MSM_SendJSON — PASTE INTO YOUR 4D PROJECT (project method, NOT available through URLs).
// MSM_SendJSON(status line; answer) — sends the answer as JSON with the given HTTP status.
// WEB SEND BLOB with "application/json", never WEB SEND TEXT: WEB SEND TEXT processes 4D tags
// (<!--#4DEVAL …-->) in whatever it sends, and WEB SEND BLOB only does so for "text/html".
// Compiles on 4D 19 R8 and later.

#DECLARE($status : Text; $answer : Object)

var $body : Blob

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
CONVERT FROM TEXT(JSON Stringify($answer); "UTF-8"; $body)  // JSON travels as UTF-8 (RFC 8259)
WEB SEND BLOB($body; "application/json")
