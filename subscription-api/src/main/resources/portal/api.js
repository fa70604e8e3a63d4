// The portal's calls to /portal/api, with the session token from the link.
const TOKEN_KEY = 'hooklane-portal-token';
let memoryToken = null;

/** Takes the token from the link's fragment (#token=...) and keeps it for this tab only. */
export function adoptToken() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    memoryToken = decodeURIComponent(match[1]);
    try { sessionStorage.setItem(TOKEN_KEY, memoryToken); } catch (e) { /* storage blocked in some frames: memory only */ }
    history.replaceState(null, '', location.pathname + '#/endpoints');
  } else {
    try { memoryToken = sessionStorage.getItem(TOKEN_KEY); } catch (e) { /* memory only */ }
  }
  return memoryToken !== null;
}

/** A problem answer (RFC 9457) as an error: title, detail, status and field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.title = problem.title || ('HTTP ' + status);
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export async function call(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + memoryToken };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch('/portal/api' + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store'
  });
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json || {});
  }
  return json;
}
