// GOV.UK Frontend styles its JavaScript-enhanced components only when these classes are set
// on <body>. Loaded (not inline) at the top of <body>, so the Content-Security-Policy
// allows scripts from this site only.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
