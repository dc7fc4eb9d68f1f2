export enum TaskType {
  CheckRecords = 'check_records',
  VerifyLead = 'verify_lead',
  Locate = 'locate',
  Surveillance = 'surveillance',
  Arrest = 'arrest',
  ExtraditionRequest = 'extradition_request',
  NoticeRequest = 'notice_request',
  Other = 'other',
}
