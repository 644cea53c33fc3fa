import { useTranslation } from "react-i18next";

/**
 * Links to a credential's certificate PDF and signed JSON, for the credential's detail page
 * (the holder's and HR's). Render only for credentials issued on the platform (they have a
 * verification code); the routes answer 404 for anything else.
 */
export function VerifyDownloads({ credentialId, verifyCode }: { credentialId: string; verifyCode?: string | null }) {
  const { t } = useTranslation();
  const base = `/credentials/${encodeURIComponent(credentialId)}`;
  return (
    <div className="flex flex-wrap gap-2">
      <a className="btn-secondary" href={`${base}/certificate.pdf`} target="_blank" rel="noopener" data-testid="credential-certificate-pdf">
        {t("verify.download.pdf")}
      </a>
      <a className="btn-secondary" href={`${base}/vc.json`} download data-testid="credential-vc-json">
        {t("verify.download.json")}
      </a>
      {verifyCode ? (
        <a className="btn-secondary" href={`/verify/credential/${encodeURIComponent(verifyCode)}`} target="_blank" rel="noopener" data-testid="credential-verify-link">
          {t("verify.download.page")}
        </a>
      ) : null}
    </div>
  );
}
