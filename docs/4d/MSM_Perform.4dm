// MSM_Perform — PASTE INTO YOUR 4D PROJECT (project method, NOT available through URLs).
// MSM_Perform({action: "refreshSessions" | "ping"}) -> {success; error?; warnings?}
// Runs only after MSM_CheckSecret accepted the request. Its answers never contain the
// caller's input. Compiles on 4D 19 R8 and later.

#DECLARE($request : Object)->$answer : Object

var msmErrors : Collection  // process variable filled by MSM_OnError
var $action : Text

$answer:=New object("success"; False)
$action:=String($request.action)

Case of 
	: ($action="ping")
		// Test connection: URL and secret are right; nothing is refreshed.
		$answer.success:=True
		
	: ($action="refreshSessions")
		msmErrors:=New collection
		ON ERR CALL("MSM_OnError")
		MOBILE APP REFRESH SESSIONS  // re-reads every session file of the MobileApps folder
		ON ERR CALL("")
		// The command reports invalid files (mobi errors 1 to 4) and drops their sessions;
		// the others are reloaded, so this is still a success, with the errors as warnings.
		$answer.success:=True
		If (msmErrors.length>0)
			$answer.warnings:=msmErrors.distinct()
		End if 
		
	Else 
		// Never echo the caller's input: the answer stays a fixed sentence whatever was sent.
		$answer.error:="Unknown action: use \"refreshSessions\" or \"ping\"."
End case 
