//%attributes = {"publishedWeb":true}
// MSM_RefreshSessions — PASTE INTO YOUR 4D PROJECT (project method).
// Method property: "Available through 4D tags and URLs (4DACTION...)" must be checked
// (the //%attributes line above sets it when this file is copied into Project/Sources/Methods/).
//
// Called by Mobile Session Manager's Push:
//   POST /4DACTION/MSM_RefreshSessions
//   Authorization: Bearer <secret>
//   Content-Type: application/json
//   body: {"action": "refreshSessions"}   or   {"action": "ping"} (Test connection: no refresh)
// Answers JSON:
//   200 {"success": true}  (+ "warnings": [...] when MOBILE APP REFRESH SESSIONS reported errors)
//   401 {"success": false, "code": "unauthorized", "error": "Unauthorized"}
//   400/405/500 {"success": false, "error": "..."}
// Needs: MSM_CheckSecret, MSM_HeaderValue, MSM_Perform, MSM_SendJSON, MSM_OnError (same folder).

#DECLARE($urlTail : Text)  // 4D passes the part of the URL after the method name; unused

var $status; $bodyText; $problem : Text
var $request; $answer : Object
var msmErrors : Collection  // process variable filled by MSM_OnError

$problem:=MSM_CheckSecret(MSM_HeaderValue("Authorization"))

Case of
	: (MSM_HeaderValue("X-METHOD")#"POST")
		$status:="405 Method Not Allowed"
		$answer:=New object("success"; False; "error"; "Use POST.")
		
	: ($problem="unauthorized")
		$status:="401 Unauthorized"
		$answer:=New object("success"; False; "code"; "unauthorized"; "error"; "Unauthorized")
		
	: ($problem#"")
		$status:="500 Internal Server Error"
		$answer:=New object("success"; False; "error"; $problem)
		
	Else 
		WEB GET HTTP BODY($bodyText)
		msmErrors:=New collection
		ON ERR CALL("MSM_OnError")
		$request:=JSON Parse($bodyText)
		ON ERR CALL("")
		If ((msmErrors.length>0) | ($request=Null))
			$status:="400 Bad Request"
			$answer:=New object("success"; False; "error"; "The body must be JSON such as {\"action\": \"refreshSessions\"}.")
		Else 
			$answer:=MSM_Perform($request)
			If ($answer.success)
				$status:="200 OK"
			Else 
				$status:="400 Bad Request"
			End if 
		End if 
End case 

MSM_SendJSON($status; $answer)
