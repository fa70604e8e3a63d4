// The customer portal: endpoints, their attempts and dead letters, test events, secrets and the event catalog.
import { adoptToken, call, ApiError } from './api.js';
import { deliveryChart } from './chart.js';

const main = document.getElementById('main');
const notice = document.getElementById('notice');
let catalog = [];

/** An element with attributes (on* are listeners) and children (strings become text, never markup). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function say(message, kind = 'info') {
  notice.hidden = !message;
  notice.className = 'notice notice-' + kind;
  notice.textContent = message || '';
}

/** Shows a problem: its title and detail on top, each field error beside its field. */
function showError(error, form) {
  if (!(error instanceof ApiError)) {
    say('The request failed: ' + error.message, 'error');
    return;
  }
  if (error.status === 401) {
    say('Your session has ended (' + error.message + '). Ask for a new link.', 'error');
    return;
  }
  say(error.title + ': ' + error.message, 'error');
  if (form) {
    form.querySelectorAll('.field-error').forEach(e => e.remove());
    for (const fieldError of error.errors) {
      const name = fieldError.field.replace(/\[\d+\]$/, '');
      const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
      const message = h('p', { class: 'field-error', id: 'error-' + name, text: fieldError.message });
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', message.id);
        (input.closest('fieldset') || input).after(message);
      } else {
        form.prepend(h('p', { class: 'field-error', text: fieldError.field + ': ' + fieldError.message }));
      }
    }
  }
}

function view(title, ...content) {
  main.replaceChildren(h('h1', { tabindex: '-1', text: title }), ...content);
  main.querySelector('h1').focus();
  document.title = title + ' · Webhooks';
}

function secretPanel(title, secret, note) {
  return h('section', { class: 'secret', 'aria-labelledby': 'secret-title', tabindex: '-1' },
    h('h2', { id: 'secret-title', text: title }),
    h('p', { text: 'Copy it now: it is not shown again. Verify each request with it (Standard Webhooks).' }),
    h('code', { id: 'secret-value', class: 'secret-value', text: secret }),
    note ? h('p', { class: 'muted', text: note }) : null);
}

// ---- endpoints list ----

async function endpointsView() {
  const [endpoints, stats] = await Promise.all([call('GET', '/endpoints'), call('GET', '/stats')]);
  const rows = endpoints.data.map(endpoint => h('tr', {},
    h('td', {}, h('a', { href: '#/endpoints/' + encodeURIComponent(endpoint.id), text: endpoint.name || endpoint.url })),
    h('td', { class: 'url', text: endpoint.url }),
    h('td', { text: endpoint.eventTypes.join(', ') }),
    h('td', {}, h('span', { class: endpoint.enabled ? 'badge ok' : 'badge off', text: endpoint.enabled ? 'Enabled' : 'Disabled' }))));
  view('Endpoints',
    deliveryChart(stats, 'Deliveries in the last 24 hours'),
    h('p', {}, h('a', { class: 'button', href: '#/endpoints/new', id: 'add-endpoint', text: 'Add endpoint' })),
    endpoints.data.length === 0 ? h('p', { text: 'No endpoints yet.' }) :
      h('table', { id: 'endpoints' },
        h('thead', {}, h('tr', {}, ['Name', 'URL', 'Event types', 'State'].map(t => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, rows)));
}

// ---- the endpoint form ----

function eventTypeChoices(selected) {
  return h('fieldset', { class: 'types' },
    h('legend', { text: 'Event types' }),
    catalog.length === 0 ? h('p', { text: 'No event types are offered.' }) : null,
    catalog.map(type => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'eventTypes', value: type.name, checked: selected.includes(type.name) }),
      h('span', {}, h('strong', { text: type.name }), type.description ? ' — ' + type.description : ''))));
}

function endpointForm(endpoint, submitLabel, onSubmit) {
  const form = h('form', { class: 'endpoint-form', novalidate: true },
    h('label', { for: 'url', text: 'URL' }),
    h('input', { id: 'url', name: 'url', type: 'url', required: true, value: endpoint.url || '', placeholder: 'https://example.com/webhooks' }),
    h('label', { for: 'name', text: 'Name (optional)' }),
    h('input', { id: 'name', name: 'name', value: endpoint.name || '' }),
    h('label', { for: 'description', text: 'Description (optional)' }),
    h('textarea', { id: 'description', name: 'description', rows: 2, text: endpoint.description || '' }),
    eventTypeChoices(endpoint.eventTypes || []),
    h('label', { for: 'format', text: 'Payload format' }),
    h('select', { id: 'format', name: 'format' },
      [['standard', 'Standard ({type, timestamp, data})'], ['event-payload', 'Event and payload ({event, payload})'],
        ['data', 'Data only'], ['cloudevents', 'CloudEvents']].map(([value, label]) =>
        h('option', { value, selected: (endpoint.format || 'standard') === value, text: label }))),
    h('button', { type: 'submit', text: submitLabel }));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { url: data.get('url'), eventTypes: data.getAll('eventTypes'), format: data.get('format') };
    body.name = data.get('name') || null;
    body.description = data.get('description') || null;
    try {
      await onSubmit(body, form);
    } catch (error) {
      showError(error, form);
    }
  });
  return form;
}

function newEndpointView() {
  view('Add endpoint', endpointForm({}, 'Create endpoint', async (body, form) => {
    for (const key of ['name', 'description']) if (body[key] === null) delete body[key];
    const created = await call('POST', '/endpoints', body);
    say('Endpoint created.', 'ok');
    const panel = secretPanel('Signing secret', created.secret);
    form.replaceWith(panel, h('p', {}, h('a', { href: '#/endpoints/' + encodeURIComponent(created.id), id: 'open-endpoint', text: 'Open the endpoint' })));
    panel.focus();
  }));
}

// ---- one endpoint ----

async function endpointView(id) {
  const path = '/endpoints/' + encodeURIComponent(id);
  const endpoint = await call('GET', path);
  const chart = h('div', { id: 'endpoint-chart' });
  // Drawn again when a test event's attempt arrives, so that the chart counts it.
  const renderChart = async () => chart.replaceChildren(
    deliveryChart(await call('GET', '/stats?endpoint=' + encodeURIComponent(id)), 'Deliveries to this endpoint in the last 24 hours'));
  const attempts = h('section', { 'aria-labelledby': 'attempts-title' });
  const deadLetters = h('section', { 'aria-labelledby': 'dead-letters-title' });
  const settings = endpointForm(endpoint, 'Save changes', async body => {
    await call('PATCH', path, body);
    say('Changes saved.', 'ok');
  });
  view(endpoint.name || endpoint.url,
    h('p', { class: 'muted' }, endpoint.url, ' · ', h('span', { id: 'endpoint-state', text: endpoint.enabled ? 'Enabled' : 'Disabled' + (endpoint.disabledReason ? ': ' + endpoint.disabledReason : '') })),
    testSection(endpoint, path, attempts, renderChart),
    attempts, deadLetters, chart,
    h('section', { 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title', text: 'Settings' }), settings),
    secretSection(path),
    dangerSection(endpoint, path));
  await Promise.all([renderChart(), renderAttempts(attempts, path), renderDeadLetters(deadLetters, path)]);
}

function testSection(endpoint, path, attempts, renderChart) {
  const types = endpoint.eventTypes.flatMap(pattern => catalog.filter(t => matches(pattern, t.name)).map(t => t.name));
  const status = h('p', { id: 'test-status', role: 'status' });
  const payload = h('textarea', { id: 'test-data', name: 'data', rows: 6, class: 'code' });
  const select = h('select', { id: 'test-type', name: 'eventType' }, [...new Set(types)].map(name => h('option', { value: name, text: name })));
  const example = () => {
    const type = catalog.find(t => t.name === select.value);
    payload.value = type && type.examples && type.examples.length ? JSON.stringify(type.examples[0], null, 2) : '{}';
  };
  select.addEventListener('change', example);
  example();
  const form = h('form', { novalidate: true },
    h('label', { for: 'test-type', text: 'Event type' }), select,
    h('details', {}, h('summary', { text: 'Payload (the event data): the type\'s example, or edit it' }), payload),
    h('button', { type: 'submit', id: 'send-test', text: 'Send test event', disabled: !endpoint.enabled || types.length === 0 }),
    status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    let data;
    try {
      data = JSON.parse(payload.value);
    } catch (e) {
      showError(new ApiError(422, { title: 'Invalid payload', detail: 'the payload is not JSON', errors: [{ field: 'data', message: 'is not JSON' }] }), form);
      return;
    }
    try {
      const sent = await call('POST', path + '/test', { eventType: select.value, data });
      status.textContent = `Sent ${sent.messageId}; waiting for its attempt…`;
      await watchAttempt(sent.messageId, path, attempts, status, renderChart);
    } catch (error) {
      showError(error, form);
    }
  });
  return h('section', { 'aria-labelledby': 'test-title' }, h('h2', { id: 'test-title', text: 'Send a test event' }), form);
}

function matches(pattern, type) {
  return pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)));
}

/** Polls the endpoint's attempts until the test message's first attempt arrives (up to two minutes), then redraws the chart. */
async function watchAttempt(messageId, path, attempts, status, renderChart) {
  for (let i = 0; i < 120; i++) {
    await new Promise(resolve => setTimeout(resolve, 1000));
    const found = await renderAttempts(attempts, path, messageId);
    if (found) {
      await renderChart();
      const code = found.statusCode ? 'HTTP ' + found.statusCode : (found.error || 'no answer');
      status.textContent = `Attempt ${found.attempt} of ${messageId}: ${found.outcome}, ${code}, ${found.durationMillis} ms.`;
      return;
    }
  }
  status.textContent = `No attempt of ${messageId} yet; refresh the attempts later.`;
}

async function renderAttempts(section, path, highlight) {
  const attempts = (await call('GET', path + '/attempts?limit=20')).data;
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'refresh-attempts', text: 'Refresh',
    onclick: () => renderAttempts(section, path).catch(showError) });
  section.replaceChildren(h('h2', { id: 'attempts-title', text: 'Recent attempts' }), refresh,
    attempts.length === 0 ? h('p', { text: 'No attempts yet.' }) :
      h('table', { id: 'attempts' },
        h('thead', {}, h('tr', {}, ['Time', 'Message', 'Attempt', 'Outcome', 'Status', 'Duration', 'Response'].map(t => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, attempts.map(a => h('tr', { class: a.jobId === highlight ? 'highlight' : null, 'data-job': a.jobId },
          h('td', { text: time(a.attemptedAt) }), h('td', { class: 'mono', text: a.jobId }), h('td', { text: a.attempt }),
          h('td', {}, h('span', { class: 'badge ' + (a.outcome === 'success' ? 'ok' : 'fail'), text: a.outcome })),
          h('td', { text: a.statusCode || '—' }), h('td', { text: a.durationMillis + ' ms' }),
          h('td', { class: 'excerpt', text: (a.responseExcerpt || a.error || '').slice(0, 200) }))))));
  return highlight ? attempts.find(a => a.jobId === highlight) : null;
}

async function renderDeadLetters(section, path) {
  const letters = (await call('GET', path + '/dead-letters')).data;
  const status = h('p', { id: 'replay-status', role: 'status' });
  section.replaceChildren(h('h2', { id: 'dead-letters-title', text: 'Dead letters' }), status,
    letters.length === 0 ? h('p', { text: 'No dead letters.' }) :
      h('table', { id: 'dead-letters' },
        h('thead', {}, h('tr', {}, ['Dead since', 'Event type', 'Attempts', 'Reason', ''].map(t => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, letters.map(letter => h('tr', { 'data-job': letter.jobId },
          h('td', { text: time(letter.deadAt) }), h('td', { text: letter.eventType }), h('td', { text: letter.attempts }),
          h('td', { text: letter.reason }),
          h('td', {}, h('button', { type: 'button', class: 'secondary replay', text: 'Replay', 'aria-label': 'Replay ' + letter.jobId,
            onclick: async () => {
              try {
                await call('POST', path + '/dead-letters/' + encodeURIComponent(letter.jobId) + '/replay');
                status.textContent = `Replayed ${letter.jobId}: it is sent again now.`;
              } catch (error) {
                showError(error);
              }
            } })))))));
}

function secretSection(path) {
  const section = h('section', { 'aria-labelledby': 'rotate-title' }, h('h2', { id: 'rotate-title', text: 'Signing secret' }),
    h('p', { text: 'The secret was shown when the endpoint was made. Rotate it to get a new one; the old one keeps signing for a while so that you can switch without missing a delivery.' }));
  const button = h('button', { type: 'button', id: 'rotate-secret', class: 'secondary', text: 'Rotate secret', onclick: async () => {
    try {
      const rotated = await call('POST', path + '/secret/rotate');
      const until = rotated.previousSecretsExpireAt && rotated.previousSecretsExpireAt.length
        ? 'The previous secret keeps signing until ' + time(rotated.previousSecretsExpireAt[0]) + '.' : null;
      const panel = secretPanel('New signing secret', rotated.secret, until);
      button.replaceWith(panel);
      panel.focus();
      say('Secret rotated.', 'ok');
    } catch (error) {
      showError(error);
    }
  } });
  section.append(button);
  return section;
}

function dangerSection(endpoint, path) {
  const toggle = h('button', { type: 'button', id: 'toggle-enabled', class: 'secondary', text: endpoint.enabled ? 'Disable endpoint' : 'Enable endpoint',
    onclick: async () => {
      try {
        await call('PATCH', path, endpoint.enabled ? { enabled: false, disabledReason: 'disabled in the portal' } : { enabled: true, disabledReason: null });
        say(endpoint.enabled ? 'Endpoint disabled.' : 'Endpoint enabled.', 'ok');
        await endpointView(endpoint.id);
      } catch (error) {
        showError(error);
      }
    } });
  const confirmBox = h('div', { hidden: true, id: 'confirm-delete' },
    h('p', { text: 'Delete this endpoint? Deliveries to it stop at once.' }),
    h('button', { type: 'button', class: 'danger', id: 'confirm-delete-button', text: 'Delete endpoint', onclick: async () => {
      try {
        await call('DELETE', path);
        say('Endpoint deleted.', 'ok');
        location.hash = '#/endpoints';
      } catch (error) {
        showError(error);
      }
    } }),
    h('button', { type: 'button', class: 'secondary', text: 'Cancel', onclick: () => { confirmBox.hidden = true; remove.focus(); } }));
  const remove = h('button', { type: 'button', id: 'delete-endpoint', class: 'danger', text: 'Delete…', onclick: () => {
    confirmBox.hidden = false;
    confirmBox.querySelector('button').focus();
  } });
  return h('section', { 'aria-labelledby': 'danger-title' }, h('h2', { id: 'danger-title', text: 'State' }), toggle, ' ', remove, confirmBox);
}

// ---- event types ----

function eventTypesView() {
  view('Event types', catalog.length === 0 ? h('p', { text: 'No event types are offered.' }) :
    h('ul', { class: 'catalog', id: 'event-types' }, catalog.map(type => h('li', {},
      h('h2', { text: type.name }),
      h('p', { text: type.description || '' }),
      type.schema ? h('details', {}, h('summary', { text: 'Schema' }), h('pre', { class: 'code', text: JSON.stringify(type.schema, null, 2) })) : null,
      (type.examples || []).length ? h('details', { class: 'samples' }, h('summary', { text: 'Sample payloads' }),
        type.examples.map(example => h('pre', { class: 'code', text: JSON.stringify(example, null, 2) }))) : null))));
}

// ---- routing ----

async function route() {
  say('');
  const path = location.hash.replace(/^#/, '') || '/endpoints';
  document.querySelectorAll('nav a').forEach(a => a.removeAttribute('aria-current'));
  try {
    if (path === '/event-types') {
      document.getElementById('nav-event-types').setAttribute('aria-current', 'page');
      eventTypesView();
    } else if (path === '/endpoints/new') {
      newEndpointView();
    } else if (path.startsWith('/endpoints/')) {
      await endpointView(decodeURIComponent(path.slice('/endpoints/'.length)));
    } else {
      document.getElementById('nav-endpoints').setAttribute('aria-current', 'page');
      await endpointsView();
    }
  } catch (error) {
    showError(error);
    if (error instanceof ApiError && error.status === 404) {
      view('Not found', h('p', {}, 'This endpoint does not exist. ', h('a', { href: '#/endpoints', text: 'Back to the endpoints' })));
    }
  }
}

async function start() {
  if (!adoptToken()) {
    view('Webhooks', h('p', { text: 'Open this page with the link your provider gave you.' }));
    return;
  }
  try {
    const session = await call('GET', '/session');
    document.getElementById('session-info').textContent = 'Session ends ' + time(session.expiresAt);
    catalog = (await call('GET', '/event-types')).data;
  } catch (error) {
    view('Webhooks', h('p', { text: 'This link does not work any more.' }));
    showError(error);
    return;
  }
  window.addEventListener('hashchange', route);
  await route();
}

start();
