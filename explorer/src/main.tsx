import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { createClient } from 'graphql-ws';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useSession } from './auth.store';
import { EXAMPLE_TABS } from './examples';
import { operationNameFor } from './operation-name';
import { SignInPanel } from './sign-in.panel';

function KeyIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      aria-hidden="true"
    >
      <circle cx="8" cy="15" r="4" />
      <path d="M11 12l9-9m-3 3l3 3m-6 0l2 2" />
    </svg>
  );
}

const SIGN_IN_PLUGIN = { title: 'Sign in', icon: KeyIcon, content: SignInPanel };

function Explorer() {
  const session = useSession();
  // Open the sign-in panel on arrival when signed out; later changes of the session leave the sidebar alone.
  const [initialPlugin] = useState(() => (session ? undefined : SIGN_IN_PLUGIN));
  const authorization = session ? `Bearer ${session.token}` : null;
  // One fetcher per credential: HTTP sends the header, the WebSocket sends it in connection_init.
  const { fetcher, wsClient } = useMemo(() => {
    const wsClient = createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      connectionParams: () => (authorization ? { authorization } : {}),
      lazy: true,
      retryAttempts: 2,
    });
    const base = createGraphiQLFetcher({
      url: `${location.origin}/graphql`,
      wsClient,
      headers: authorization ? { authorization } : {},
    });
    const fetcher: typeof base = (params, options) =>
      base({ ...params, operationName: operationNameFor(params.query, params.operationName) }, options);
    return { fetcher, wsClient };
  }, [authorization]);
  useEffect(() => () => void wsClient.dispose(), [wsClient]);

  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[SIGN_IN_PLUGIN, HISTORY_PLUGIN]}
      visiblePlugin={initialPlugin}
      defaultTabs={EXAMPLE_TABS}
      defaultEditorToolsVisibility="variables"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>Parley API</GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
