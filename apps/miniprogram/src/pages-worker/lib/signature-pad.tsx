/** The pad lives with the consent form (the resident's consent page signs co-signers too). */
export { SignaturePad } from '../../components/signature-pad';
