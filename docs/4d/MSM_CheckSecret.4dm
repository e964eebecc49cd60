// MSM_CheckSecret — PASTE INTO YOUR 4D PROJECT (project method, NOT available through URLs).
// MSM_CheckSecret(Authorization header) -> "" when accepted, "unauthorized" when refused,
// or a sentence when the server has no usable secret.
//
// The secret lives in a text file beside the data file (next to the MobileApps folder):
//   MobileSessionManager.secret   — one line, 16 to 256 printable ASCII characters, no spaces.
// Nothing is hard-coded in the project, and changing the secret needs no recompilation.

#DECLARE($authorization : Text)->$problem : Text

var $file : 4D.File
var $expected; $given; $a; $b : Text
var $i; $diff : Integer

$file:=File(Data file; fk platform path).parent.file("MobileSessionManager.secret")
If ($file.exists)
	$expected:=$file.getText()
	$expected:=Replace string($expected; Char(Carriage return); "")
	$expected:=Replace string($expected; Char(Line feed); "")
End if 

Case of 
	: (Length($expected)<16)
		// Do not reveal the path to unauthenticated callers; the administrator knows where it goes.
		$problem:="Push is not set up on this 4D Server: create MobileSessionManager.secret (at least 16 characters) beside the data file."
		
	: (Position("Bearer "; $authorization)#1)
		$problem:="unauthorized"
		
	Else 
		$given:=Substring($authorization; 8)
		// 4D's "=" ignores case, so compare SHA-256 digests (case-sensitive by construction),
		// character by character without stopping early: the time does not depend on where they differ.
		$a:=Generate digest($given; SHA256 digest)
		$b:=Generate digest($expected; SHA256 digest)
		$diff:=0
		For ($i; 1; Length($b))
			$diff:=$diff+Num(Character code($a[[$i]])#Character code($b[[$i]]))
		End for 
		If ($diff#0)
			$problem:="unauthorized"
		End if 
End case 
