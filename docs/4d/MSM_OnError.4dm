// MSM_OnError — PASTE INTO YOUR 4D PROJECT (project method, NOT available through URLs).
// Error-catching method installed with ON ERR CALL around JSON Parse and
// MOBILE APP REFRESH SESSIONS: it records the errors instead of showing a dialog
// on the server, and 4D continues with the next line.

var msmErrors : Collection  // process variable read by the caller
var $error : Object

If (msmErrors=Null)
	msmErrors:=New collection
End if 
For each ($error; Last errors)
	msmErrors.push("error "+String($error.errCode)+" ("+String($error.componentSignature)+"): "+String($error.message))
End for each 
