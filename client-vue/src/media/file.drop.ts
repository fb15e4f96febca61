import { ref } from 'vue';

function hasFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/**
 * Files dragged from outside the page onto an area: `active` while they are over it (to show where they will
 * go), `onFiles` with them on drop. Drags of text or links inside the page are left alone.
 */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const active = ref(false);
  // dragenter/dragleave fire for every child crossed: count them, so leaving a child does not end the drag.
  let depth = 0;

  const listeners = {
    dragenter(event: DragEvent): void {
      if (!hasFiles(event)) return;
      depth++;
      active.value = true;
    },
    dragover(event: DragEvent): void {
      if (!hasFiles(event)) return;
      // Without this the browser opens the file in the tab instead of dropping it here.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    },
    dragleave(event: DragEvent): void {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) active.value = false;
    },
    drop(event: DragEvent): void {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      active.value = false;
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) onFiles(files);
    },
  };

  return { active, listeners };
}
