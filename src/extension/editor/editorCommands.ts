// Ids of the commands the editor features register (package.json declares them).
export const EDITOR_COMMANDS = {
  showModelSummary: 'cnnLab.showModelSummary',
  newModelFromImageFolder: 'cnnLab.newModelFromImageFolder',
} as const;
