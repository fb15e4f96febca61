import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import ReportActionForm from '../../src/components/admin/ReportActionForm.vue';

const sent: { operation: string; variables: Record<string, unknown> }[] = [];
let failOn: string | null = null;

vi.mock('../../src/admin/admin.request', () => ({
  adminMutate: async (document: DocumentNode, variables: Record<string, unknown>) => {
    const operation = (document.definitions[0] as OperationDefinitionNode).name?.value ?? '';
    if (operation === failOn) throw new Error('offline');
    sent.push({ operation, variables });
    return {};
  },
  adminQuery: async () => ({}),
}));

const messageReport = { id: 'r1', message: { messageId: 'm1', conversationId: 'c1' }, targetUser: { id: 'u1' } };

function submitButton(wrapper: ReturnType<typeof mount>) {
  return wrapper.get('button[type=submit]');
}

describe('handling a report', () => {
  beforeEach(() => {
    sent.length = 0;
    failOn = null;
  });

  it('offers only what applies: a reported user has no message to delete', () => {
    const wrapper = mount(ReportActionForm, { props: { report: { ...messageReport, message: null } } });
    expect(wrapper.findAll('input[type=radio]').map((r) => r.element.parentElement?.textContent?.trim())).toEqual([
      'Dismiss: nothing to do',
      'Suspend or ban the user',
    ]);
  });

  it('waits for an action and a reason, then acts and closes the report with that reason', async () => {
    const wrapper = mount(ReportActionForm, { props: { report: messageReport } });
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined();
    await wrapper.findAll('input[type=radio]')[1]!.setValue(true);
    expect(submitButton(wrapper).text()).toBe('Delete message');
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined();
    await wrapper.get('textarea').setValue('   ');
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined();
    await wrapper.get('textarea').setValue('spam link');
    expect(submitButton(wrapper).attributes('disabled')).toBeUndefined();
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(sent).toEqual([
      { operation: 'DeleteMessageAsAdmin', variables: { messageId: 'm1', reason: 'spam link' } },
      { operation: 'ResolveReport', variables: { reportId: 'r1', outcome: 'ACTIONED', reason: 'spam link' } },
    ]);
    expect(wrapper.emitted('handled')).toEqual([['Message deleted; report closed.']]);
  });

  it('asks how long for a suspension, and says why it failed without acting twice on a retry', async () => {
    const wrapper = mount(ReportActionForm, { props: { report: messageReport } });
    await wrapper.findAll('input[type=radio]')[2]!.setValue(true);
    await wrapper.get('select').setValue('ban');
    await wrapper.get('textarea').setValue('threats');
    failOn = 'ResolveReport';
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role=alert]').text()).toBe('Cannot reach the server');
    expect(wrapper.emitted('handled')).toBeUndefined();
    failOn = null;
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(sent.map((s) => s.operation)).toEqual(['SuspendUser', 'ResolveReport']);
    expect(sent[0]!.variables).toEqual({ userId: 'u1', hours: null, reason: 'threats' });
  });
});
