// The login form posts to the container's j_security_check (FORM sign-in, WildFly Elytron).
// This only shows why the page is here again: a failed sign-in or a sign-out.
(function () {
  'use strict';
  const query = location.search;
  // A failed sign-in shows this form at the address it was posted to; a good one moves on to the page.
  const failed = location.pathname.endsWith('j_security_check') || /[?&]failed\b/.test(query);
  document.getElementById('login-failed').hidden = !failed;
  document.getElementById('login-signed-out').hidden = !/[?&]signed-out\b/.test(query);
  // Too many failed sign-ins for this name from here: the server checks the next one after a wait.
  const throttled = /[?&]throttled=(\d+)/.exec(query);
  const wait = document.getElementById('login-throttled');
  wait.hidden = !throttled;
  if (throttled) wait.textContent = 'Too many failed sign-ins; try again in ' + throttled[1] + ' s.';
}());
