import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_MAX_LENGTH } from '../../../shared/cases.ts';
import { Alert, Button, Heading2, Paragraph, TextareaField } from '../../ui/index.ts';
import { StatusRegion, useStatusMessage } from './components/StatusRegion.tsx';
import { caseApi, useCaseAction, useMessages } from './data.ts';
import { formatDateTime, problemMessage } from './format.ts';

interface ConversationProps {
  caseId: string;
  mayPost: boolean;
  /** The requester sees "you"; staff see the requester's side as "requester". */
  viewer: 'requester' | 'staff';
}

/** The secure conversation: messages in order, and a form to write one. */
export function CaseConversation({ caseId, mayPost, viewer }: ConversationProps) {
  const { t } = useTranslation();
  const messages = useMessages(caseId, true);
  const post = useCaseAction<{ body: string }, unknown>(caseId, caseApi.messages(caseId));
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const status = useStatusMessage();

  const send = () => {
    if (body.trim() === '') {
      setError(t('cases.conversation.empty'));
      document.getElementById('message-body')?.focus();
      return;
    }
    setError(undefined);
    post.mutate(
      { body: body.trim() },
      {
        onSuccess: () => {
          setBody('');
          status.announce(t('cases.conversation.sent'));
        },
      },
    );
  };

  const list = messages.data?.messages ?? [];
  return (
    <section aria-labelledby="conversation-heading">
      <Heading2 id="conversation-heading" tabIndex={-1}>
        {t('cases.conversation.heading')}
      </Heading2>
      <Paragraph>
        {t(viewer === 'requester' ? 'cases.conversation.leadRequester' : 'cases.conversation.leadStaff')}
      </Paragraph>
      {messages.isPending && <Paragraph>{t('cases.loading')}</Paragraph>}
      {messages.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, messages.error)}</Paragraph>
        </Alert>
      )}
      {messages.data && list.length === 0 && <Paragraph>{t('cases.conversation.none')}</Paragraph>}
      {list.length > 0 && (
        <ol className="weerbaar-messages">
          {list.map((message) => {
            const mine = viewer === 'requester' ? message.fromRequester : !message.fromRequester;
            const author = message.fromRequester
              ? viewer === 'requester'
                ? t('cases.conversation.you')
                : (message.authorName ?? t('cases.conversation.requester'))
              : (message.authorName ?? t('cases.conversation.team'));
            return (
              <li key={message.id} className={mine ? 'weerbaar-message weerbaar-message--mine' : 'weerbaar-message'}>
                <p className="weerbaar-message__meta">
                  <strong>{author}</strong> <time dateTime={message.at}>{formatDateTime(message.at)}</time>
                </p>
                <p className="weerbaar-message__body">{message.body}</p>
              </li>
            );
          })}
        </ol>
      )}
      {mayPost && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            send();
          }}
        >
          <TextareaField
            id="message-body"
            label={t('cases.conversation.write')}
            description={t('cases.conversation.writeHint')}
            value={body}
            onValueChange={setBody}
            error={error}
            maxLength={MESSAGE_MAX_LENGTH}
            rows={4}
          />
          {post.isError && (
            <Alert type="error" role="alert">
              <Paragraph>{problemMessage(t, post.error)}</Paragraph>
            </Alert>
          )}
          <Button type="submit" appearance="primary-action-button" disabled={post.isPending}>
            {t('cases.conversation.send')}
          </Button>
        </form>
      )}
      <StatusRegion message={status.message} />
    </section>
  );
}
