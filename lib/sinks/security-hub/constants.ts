/**
 * BatchImportFindings: "up to 100 findings per batch".
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html
 */
export const MAX_FINDINGS_PER_CALL = 100;
/**
 * BatchImportFindings: "up to 240 KB per finding".
 * @see https://docs.aws.amazon.com/securityhub/latest/partnerguide/guidelines-batchimportfindings.html
 */
export const MAX_FINDING_BYTES = 240 * 1024;
/**
 * BatchImportFindings: "up to 6 MB per batch".
 * @see https://docs.aws.amazon.com/securityhub/latest/partnerguide/guidelines-batchimportfindings.html
 */
export const MAX_CALL_BYTES = 6 * 1024 * 1024;
/**
 * ASFF string limits: Title 256, Description 1024, GeneratorId and Id 512 characters.
 * @see https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 */
export const ASFF_LIMITS = { title: 256, description: 1024, generatorId: 512, id: 512, resourceId: 512, productFieldValue: 2048, sourceUrl: 2048 } as const;
/**
 * The ASFF schema version BatchImportFindings takes.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html
 */
export const SCHEMA_VERSION = '2018-10-08';
