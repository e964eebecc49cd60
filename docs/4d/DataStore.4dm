// cs.DataStore — PASTE INTO YOUR 4D PROJECT (class "DataStore", file Project/Sources/Classes/DataStore.4dm).
// If your project already has a DataStore class, add only the function below to it.
// REST variant: POST /rest/$catalog/refreshSessions
//   Authorization: Bearer <secret>
//   body (REST passes parameters as a collection): [{"action": "refreshSessions"}]  or  [{"action": "ping"}]
// 4D's REST server wraps the returned object: {"result": {"success": true}}.
// A function cannot set the HTTP status, so a wrong secret answers 200 with
//   {"result": {"success": false, "code": "unauthorized", "error": "Unauthorized"}}
// Needs the project methods MSM_CheckSecret, MSM_HeaderValue, MSM_Perform, MSM_OnError.
// Prerequisites: Settings > Web > Web Features > "Expose as REST server" checked, web server started.
// VERIFY on your 4D version (see docs/push.md): that WEB GET HTTP HEADER returns the request's
// headers inside a REST function call, and that an unauthenticated request may execute this function.

Class extends DataStoreImplementation

exposed Function refreshSessions($request : Object)->$answer : Object
	
	var $problem : Text
	
	$problem:=MSM_CheckSecret(MSM_HeaderValue("Authorization"))
	Case of 
		: ($problem="unauthorized")
			$answer:=New object("success"; False; "code"; "unauthorized"; "error"; "Unauthorized")
		: ($problem#"")
			$answer:=New object("success"; False; "error"; $problem)
		: ($request=Null)
			$answer:=New object("success"; False; "error"; "The body must be [{\"action\": \"refreshSessions\"}].")
		Else 
			$answer:=MSM_Perform($request)
	End case 
