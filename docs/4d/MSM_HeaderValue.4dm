// MSM_HeaderValue — PASTE INTO YOUR 4D PROJECT (project method, NOT available through URLs).
// MSM_HeaderValue(name) -> value of a request header of the current web request, or "".
// WEB GET HTTP HEADER also lists the request line as X-METHOD, X-URL and X-VERSION.
// Find in array compares text like 4D's "=", without regard to case, so "authorization" matches too.

#DECLARE($name : Text)->$value : Text

var $i : Integer
ARRAY TEXT($names; 0)
ARRAY TEXT($values; 0)

WEB GET HTTP HEADER($names; $values)
$i:=Find in array($names; $name)
If ($i>0)
	$value:=$values{$i}
End if 
