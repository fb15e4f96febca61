import { createApp, watch } from 'vue';
import App from './App.vue';
import { chatCache } from './chat/chat.log';
import { router } from './router';
import { session } from './session/session.store';
import './style.css';

// What the last session saw is shown at once, online or not; the event log brings it up to date.
await chatCache.restore();
const app = createApp(App);
app.use(router);
app.mount('#app');

// A refresh that the server rejects ends the session: send the user back to log in.
watch(
  () => session.current,
  (current) => {
    if (!current && !router.currentRoute.value.meta['public']) void router.replace('/login');
  },
);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
}
