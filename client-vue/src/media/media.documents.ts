import { graphql } from '../gql';

export const CreateUploadMutation = graphql(`
  mutation CreateUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      id
      uploadUrl
      method
      headers {
        name
        value
      }
      expiresAt
    }
  }
`);
