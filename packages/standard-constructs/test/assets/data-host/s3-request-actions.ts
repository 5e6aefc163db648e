/**
 * What IAM authorizes for one S3 REST request (path-style), as AWS documents
 * it per API operation: the action, the resource ARN and the condition keys
 * the request carries. Shapes it does not know throw, so that no request goes unchecked.
 */
export interface LoggedS3Request {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly accessKey: string;
  readonly status: number;
}

export interface S3Authorization {
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string>;
}

export function s3Authorization(request: LoggedS3Request): S3Authorization {
  const [, bucket, ...keyParts] = request.path.split('/');
  const key = keyParts.join('/');
  const q = request.query;
  if (!key) {
    // ListObjects(V2) and HeadBucket: s3:ListBucket on the bucket, with the listed prefix as s3:prefix.
    if ((request.method === 'GET' && !('delete' in q) && !('uploads' in q)) || request.method === 'HEAD') {
      const context: Record<string, string> = { 's3:prefix': q.prefix ?? '' };
      if (q.delimiter !== undefined) context['s3:delimiter'] = q.delimiter;
      return { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}`, context };
    }
    throw new Error(`unmapped bucket request ${request.method} ${request.path} ${JSON.stringify(q)}`);
  }
  const resource = `arn:aws:s3:::${bucket}/${key}`;
  switch (request.method) {
    case 'GET':
    case 'HEAD':
      return { action: 's3:GetObject', resource, context: {} };
    case 'PUT':
      // PutObject, UploadPart
      return { action: 's3:PutObject', resource, context: {} };
    case 'POST':
      // CreateMultipartUpload, CompleteMultipartUpload
      if ('uploads' in q || 'uploadId' in q) return { action: 's3:PutObject', resource, context: {} };
      break;
    case 'DELETE':
      return { action: 'uploadId' in q ? 's3:AbortMultipartUpload' : 's3:DeleteObject', resource, context: {} };
  }
  throw new Error(`unmapped object request ${request.method} ${request.path} ${JSON.stringify(q)}`);
}
