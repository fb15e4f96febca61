import { ref, type Ref } from 'vue';
import { toApiError } from '../apollo/graphql-error';

export interface SubmitState {
  /** True while an action runs: forms disable their button and say they are working. */
  busy: Ref<boolean>;
  /** The API's message for the last failure, or '' (cleared when the next action starts). */
  error: Ref<string>;
  /** Runs the action and says whether it succeeded; a failure is shown through `error`, never thrown. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

/**
 * The submit step most forms share: busy while it runs, and the API's message when it fails, so the form
 * shows the error next to its button rather than each form catching and translating errors itself. Forms
 * that map field errors or particular codes (sign-up, notification settings) handle their errors themselves.
 */
export function useSubmit(): SubmitState {
  const busy = ref(false);
  const error = ref('');

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    error.value = '';
    try {
      await action();
      return true;
    } catch (e) {
      error.value = toApiError(e).message;
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
