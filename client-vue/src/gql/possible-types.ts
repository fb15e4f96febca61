
      export interface PossibleTypesResultData {
        possibleTypes: {
          [key: string]: string[]
        }
      }
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "ConversationEvent": [
      "ConversationUpdated",
      "MemberJoined",
      "MemberLeft",
      "MemberUpdated",
      "MessageAdded",
      "MessageUpdated",
      "ReceiptsUpdated"
    ]
  }
};
      export default result;
    