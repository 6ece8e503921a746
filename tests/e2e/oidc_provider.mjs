// A small OpenID Provider for the browser tests: the certified npm package `oidc-provider` with test
// users, a login form that checks passwords, consent granted without asking, RP-initiated logout,
// and a switch to disable a user (to test session refresh). Never used outside tests.
//
// Environment: OIDC_TEST_PORT, OIDC_TEST_RP (the astnet base URL), OIDC_TEST_USERS (JSON:
// {login: {sub, password, email, email_verified, given_name, family_name, groups}}).
import http from 'node:http';
import { URLSearchParams } from 'node:url';

import Provider, { interactionPolicy } from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const rp = process.env.OIDC_TEST_RP;
const users = JSON.parse(process.env.OIDC_TEST_USERS);
const disabled = new Set();

function bySub(sub) {
  return Object.values(users).find((user) => user.sub === sub);
}

// A disabled user's session no longer counts: the provider asks for a login, and with prompt=none
// (astnet's session refresh) answers login_required.
const policy = interactionPolicy.base();
policy.get('login').checks.add(new interactionPolicy.Check(
  'account_disabled',
  'the account is disabled',
  (ctx) => (disabled.has(ctx.oidc.session.accountId)
    ? interactionPolicy.Check.REQUEST_PROMPT
    : interactionPolicy.Check.NO_NEED_TO_PROMPT),
));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'astnet',
    client_secret: 'astnet-test-secret',
    redirect_uris: [`${rp}/oidc/callback/`],
    post_logout_redirect_uris: [`${rp}/login/`],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['given_name', 'family_name', 'groups'],
  },
  cookies: { keys: ['test-only-cookie-key'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      // The RP sends id_token_hint; sign out at once, as a shared PC needs.
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html lang="da"><head><title>Log ud</title></head><body>${form}
          <button form="op.logoutForm" type="submit" name="logout" value="yes">Log ud</button>
          <script>document.getElementById('op.logoutForm').requestSubmit(
            document.querySelector('[name=logout]'))</script></body></html>`;
      },
    },
  },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const user = bySub(sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        const { password, ...claims } = user;
        return claims;
      },
    };
  },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600 },
});

function page(res, body, status = 200) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html lang="da"><head><title>Kommunens login</title></head><body>
    <main><h1>Kommunens login (test)</h1>${body}</main></body></html>`);
}

function loginForm(res, uid, error = '') {
  page(res, `${error ? `<p role="alert">${error}</p>` : ''}
    <form method="post" action="/interaction/${uid}/login">
      <label for="login">Brugernavn</label><input id="login" name="login" autofocus>
      <label for="password">Adgangskode</label><input id="password" name="password" type="password">
      <button type="submit">Log ind hos kommunen</button>
    </form>`, error ? 401 : 200);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'consent') {
    // Consent is the municipality's business, not the user's: grant what was asked.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    if (details.prompt.details.missingOIDCScope) {
      grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
    }
    if (details.prompt.details.missingOIDCClaims) {
      grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    }
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  if (action !== 'login' || req.method !== 'POST') return loginForm(res, uid);
  const form = await readForm(req);
  const user = users[form.login];
  if (!user || user.password !== form.password || disabled.has(user.sub)) {
    return loginForm(res, uid, 'Forkert brugernavn eller adgangskode.');
  }
  return provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
}

const handle = provider.callback();

http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    const match = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login))?$/);
    if (match) return await interaction(req, res, match[1], match[2]);
    if (url.pathname === '/test/disable' && req.method === 'POST') {
      disabled.add(url.searchParams.get('sub'));
      res.writeHead(204);
      return res.end();
    }
    return handle(req, res);
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    return res.end(String(error));
  }
}).listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${port}\n`);
});
