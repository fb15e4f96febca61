import { createRouter, createWebHistory } from 'vue-router';
import { session } from './session/session.store';
import HomeView from './views/HomeView.vue';
import EmptyView from './views/EmptyView.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./views/AuthView.vue'),
      props: { mode: 'login' },
      meta: { public: true },
    },
    {
      path: '/signup',
      name: 'signup',
      component: () => import('./views/AuthView.vue'),
      props: { mode: 'signup' },
      meta: { public: true },
    },
    {
      path: '/',
      component: HomeView,
      children: [
        { path: '', name: 'home', component: EmptyView },
        // Its own chunk: the Markdown renderer and sanitizer come with it, and the list shows without waiting for them.
        { path: 'c/:id', name: 'chat', component: () => import('./views/ChatView.vue'), props: true },
        { path: 'c/:id/info', name: 'info', component: () => import('./views/GroupInfoView.vue'), props: true },
        { path: 'me', name: 'me', component: () => import('./views/ProfileView.vue') },
        {
          path: 'settings/notifications',
          name: 'notifications',
          component: () => import('./views/NotificationSettingsView.vue'),
        },
        { path: 'new', name: 'new', component: () => import('./views/NewConversationView.vue') },
        {
          // Server administrators only (the view says so to others); each page is its own chunk too, so the
          // charts library comes with the analytics page alone.
          path: 'admin',
          component: () => import('./views/AdminView.vue'),
          children: [
            { path: '', name: 'admin', redirect: { name: 'admin-reports' } },
            { path: 'reports', name: 'admin-reports', component: () => import('./views/admin/AdminReportsPage.vue') },
            { path: 'appeals', name: 'admin-appeals', component: () => import('./views/admin/AdminAppealsPage.vue') },
            { path: 'users', name: 'admin-users', component: () => import('./views/admin/AdminUsersPage.vue') },
            { path: 'audit', name: 'admin-audit', component: () => import('./views/admin/AdminAuditPage.vue') },
            {
              path: 'analytics',
              name: 'admin-analytics',
              component: () => import('./views/admin/AdminAnalyticsPage.vue'),
            },
          ],
        },
      ],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach((to) => {
  const signedIn = Boolean(session.current);
  if (!to.meta['public'] && !signedIn) return { name: 'login' };
  if (to.meta['public'] && signedIn) return { name: 'home' };
  return true;
});
