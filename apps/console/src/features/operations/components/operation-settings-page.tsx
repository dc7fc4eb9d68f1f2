import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CountrySelect } from '../../../components/country-select';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useRole } from '../../../hooks/use-me';
import { useOperation, useParticipants } from '../../../hooks/use-operation';
import { ApiError, type Schemas } from '../../../lib/api/client';
import { countryName } from '../../../lib/countries';
import { OPERATION_NEXT, PARTICIPANT_ROLES } from '../../../lib/enums';
import { formatDateTime } from '../../../lib/format';
import { useMembers, useOperationMutations, type Operation } from '../api/operations';
import { OperationForm, toOperationBody } from './operation-form';

/** An operation's settings: details, workflow, participating countries and observer members. */
export function OperationSettingsPage() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const operation = useOperation(operationId);
  const coordinator = useRole() === 'coordinator';
  return (
    <QueryState query={operation}>
      {(data) => (
        <Stack gap="lg">
          <PageHeader title={t('settings.title')} />
          {coordinator && <Workflow operation={data} />}
          {coordinator && <Details operation={data} />}
          <Participants operation={data} editable={coordinator && data.status !== 'closed'} />
          {coordinator && <Members operation={data} />}
        </Stack>
      )}
    </QueryState>
  );
}

function Workflow({ operation }: { operation: Operation }) {
  const { t } = useTranslation();
  const { move, update } = useOperationMutations(operation.id);
  const [closing, { open, close }] = useDisclosure(false);
  const next = OPERATION_NEXT[operation.status];
  const conflict = move.error instanceof ApiError && move.error.status === 409;
  const submit = (status: Schemas['OperationStatus']) =>
    move.mutate({ status, version: operation.version }, { onSuccess: close });

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('settings.workflow')}
      </Title>
      <Group mb="sm">
        <Text>{t('settings.currentStatus')}</Text>
        <StatusBadge kind="operationStatus" value={operation.status} />
      </Group>
      {conflict && (
        <Alert color="orange" role="alert" mb="sm" title={t('errors.conflict')}>
          {t('settings.moveConflict', { message: (move.error as ApiError).message })}
        </Alert>
      )}
      {!conflict && <ErrorAlert error={move.error} />}
      <Group>
        {next.map((status) =>
          status === 'closed' ? (
            <Button key={status} color="red" onClick={open}>
              {t('settings.close')}
            </Button>
          ) : (
            <Button key={status} onClick={() => submit(status)} loading={move.isPending}>
              {t('settings.moveTo', { status: t(`enum.operationStatus.${status}`) })}
            </Button>
          ),
        )}
        {next.length === 0 && <Text c="dimmed">{t('settings.noMoves')}</Text>}
      </Group>
      <Switch
        mt="md"
        label={t('settings.investigatorExports')}
        description={t('settings.investigatorExportsHint')}
        checked={operation.investigatorExportsAllowed}
        onChange={(event) =>
          update.mutate({
            investigatorExportsAllowed: event.currentTarget.checked,
            crimeFocus: operation.crimeFocus,
            version: operation.version,
          })
        }
      />
      <ErrorAlert error={update.error} />
      <Modal opened={closing} onClose={close} title={t('settings.closeTitle', { code: operation.code })}>
        <Stack>
          <Text>{t('settings.closeIntro')}</Text>
          <List>
            <List.Item>{t('settings.closeReadOnly')}</List.Item>
            <List.Item>{t('settings.closeFinalFigures')}</List.Item>
            <List.Item>{t('settings.closeAtLarge')}</List.Item>
            <List.Item>{t('settings.closeExports')}</List.Item>
          </List>
          <ErrorAlert error={move.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={move.isPending} onClick={() => submit('closed')}>
              {t('settings.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function Details({ operation }: { operation: Operation }) {
  const { t } = useTranslation();
  const { update } = useOperationMutations(operation.id);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('settings.details')}
      </Title>
      <OperationForm
        key={operation.version}
        editing
        initial={{
          name: operation.name,
          crimeFocus: operation.crimeFocus,
          description: operation.description,
          nominationOpensOn: operation.nominationOpensOn ?? '',
          operationalStart: operation.operationalStart ?? '',
          operationalEnd: operation.operationalEnd ?? '',
        }}
        pending={update.isPending}
        error={update.error}
        onSubmit={(values) => update.mutate({ ...toOperationBody(values), version: operation.version })}
      />
    </Paper>
  );
}

function Participants({ operation, editable }: { operation: Operation; editable: boolean }) {
  const { t } = useTranslation();
  const participants = useParticipants(operation.id);
  const { addParticipant, removeParticipant } = useOperationMutations(operation.id);
  const [country, setCountry] = useState<string | null>(null);
  const [roles, setRoles] = useState<Schemas['ParticipantRole'][]>([]);
  const [ncbName, setNcbName] = useState('');
  const [emails, setEmails] = useState<string[]>([]);

  const add = () =>
    addParticipant.mutate(
      { country: country ?? '', roles, ncbName, focalPointEmails: emails },
      {
        onSuccess: () => {
          setCountry(null);
          setRoles([]);
          setNcbName('');
          setEmails([]);
        },
      },
    );

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('settings.participants')}
      </Title>
      <QueryState query={participants}>
        {(items) => (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.country')}</Table.Th>
                  <Table.Th>{t('settings.roles')}</Table.Th>
                  <Table.Th>{t('settings.ncb')}</Table.Th>
                  <Table.Th>{t('settings.focalPoints')}</Table.Th>
                  <Table.Th>{t('settings.joined')}</Table.Th>
                  {editable && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((participant) => (
                  <Table.Tr key={participant.country}>
                    <Table.Td>
                      {countryName(participant.country)} ({participant.country})
                    </Table.Td>
                    <Table.Td>{participant.roles.map((role) => t(`enum.participantRole.${role}`)).join(', ')}</Table.Td>
                    <Table.Td>{participant.ncbName}</Table.Td>
                    <Table.Td>{participant.focalPointEmails.join(', ')}</Table.Td>
                    <Table.Td>{formatDateTime(participant.joinedAt)}</Table.Td>
                    {editable && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => removeParticipant.mutate(participant.country)}
                          aria-label={t('settings.removeParticipant', { country: participant.country })}
                        >
                          {t('common.remove')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <ErrorAlert error={removeParticipant.error} />
      {editable && (
        <Stack mt="md" gap="xs">
          <Title order={3} size="h4">
            {t('settings.addParticipant')}
          </Title>
          <ErrorAlert error={addParticipant.error} />
          <Group align="flex-end" wrap="wrap">
            <CountrySelect label={t('settings.country')} value={country} onChange={setCountry} required />
            <Checkbox.Group
              label={t('settings.roles')}
              value={roles}
              onChange={(value) => setRoles(value as Schemas['ParticipantRole'][])}
            >
              <Group mt={6}>
                {PARTICIPANT_ROLES.map((role) => (
                  <Checkbox key={role} value={role} label={t(`enum.participantRole.${role}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <TextInput
              label={t('settings.ncb')}
              value={ncbName}
              onChange={(event) => setNcbName(event.currentTarget.value)}
            />
            <TagsInput
              label={t('settings.focalPoints')}
              description={t('settings.focalPointsHint')}
              value={emails}
              onChange={setEmails}
            />
            <Button onClick={add} loading={addParticipant.isPending}>
              {t('settings.addParticipant')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function Members({ operation }: { operation: Operation }) {
  const { t } = useTranslation();
  const members = useMembers(operation.id, true);
  const { addMember, removeMember } = useOperationMutations(operation.id);
  const [userId, setUserId] = useState('');
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('settings.members')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.membersHint')}
      </Text>
      <QueryState query={members}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed" mb="sm">
              {t('settings.noMembers')}
            </Text>
          ) : (
            <List mb="sm">
              {items.map((member) => (
                <List.Item key={member.userId}>
                  {member.user.displayName} ({member.user.email}){' '}
                  {operation.status !== 'closed' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => removeMember.mutate(member.userId)}
                    >
                      {t('common.remove')}
                    </Button>
                  )}
                </List.Item>
              ))}
            </List>
          )
        }
      </QueryState>
      <ErrorAlert error={addMember.error ?? removeMember.error} />
      {operation.status !== 'closed' && (
        <Group align="flex-end">
          <TextInput
            label={t('settings.observerId')}
            value={userId}
            onChange={(event) => setUserId(event.currentTarget.value.trim())}
          />
          <Button
            onClick={() => addMember.mutate(userId, { onSuccess: () => setUserId('') })}
            loading={addMember.isPending}
          >
            {t('settings.addMember')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
